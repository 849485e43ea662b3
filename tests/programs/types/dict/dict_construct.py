# Ways to build dicts and their errors.
print(dict(), dict(a=1, b=2), dict({"x": 1}), dict({"x": 1}, y=2), dict([("k", "v")]), dict((("p", 1),)), dict(zip("ab", "xy")))
print(dict([[1, 2], (3, 4), "ab", b"cd"]), dict(x=None), dict({1: 2}, **{"s": 3}), dict(dict(a=1)))
print({}, {1: 2, 3: 4}, {**{}}, {(1, 2): [3]}, {None: None}, {frozenset(): 0}, {"": ""})
for bad in [lambda: dict(1), lambda: dict([1]), lambda: dict(["abc"]), lambda: dict([(1,)]), lambda: dict({1: 2}, {3: 4}),
            lambda: dict(**{1: 2}), lambda: {[]: 1}, lambda: dict.fromkeys([[]])]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
class Pairs:
    def __iter__(self):
        yield ("from", "iter")
print(dict(Pairs()))
class KeysOnly:
    def keys(self): return ["k"]
    def __getitem__(self, key): return key * 2
print(dict(KeysOnly()), {**KeysOnly()})
d1 = {"a": [1]}
d2 = dict(d1)
d2["a"].append(2)
d2["b"] = 0
print(d1, d2)
print(type(dict.fromkeys("ab")).__name__, dict.fromkeys("ab", "v"), dict.fromkeys({"x": 1}))
class MyDict(dict):
    pass
print(type(MyDict.fromkeys("a")).__name__, MyDict(a=1), type(MyDict(a=1).copy()).__name__)

# Insertion order rules.
d = {}
d["z"] = 1
d["a"] = 2
d["m"] = 3
print(list(d))
d["z"] = 100
print(list(d), d)
del d["z"]
d["z"] = 1
print(list(d))
d.update({"a": 0, "new": 9})
print(list(d))
print(d.popitem(), list(d))
d.pop("a")
d.setdefault("a", "back")
print(d)
print({1: 1, True: 2, 1.0: 3}, {True: 1, 1: 2})
x = {"b": 1, "a": 2}
y = {"a": 2, "b": 1}
print(x == y, list(x) == list(y), list(x.items()), list(y.items()))
big = {}
for i in range(100):
    big[str(i)] = i
for i in range(0, 100, 3):
    del big[str(i)]
for i in range(0, 10):
    big[str(i)] = "re"
print(list(big)[:12], list(big)[-12:], len(big))
merged = {"a": 1, **{"b": 2, "a": 3}, "c": 4}
print(merged)
print(dict([("x", 1), ("y", 2), ("x", 3)]), dict(zip("cba", range(3))))

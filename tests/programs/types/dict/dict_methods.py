# Every dict method.
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("c", 3), d.setdefault("a", 100), d)
print(d.pop("b"), d.pop("zz", "default"), d)
try:
    d.pop("zz")
except KeyError as e:
    print("KeyError:", e)
d.update({"d": 4})
d.update([("e", 5), ("f", 6)])
d.update(g=7, a=-1)
d.update({"h": 8}, i=9)
print(d)
print(d.popitem(), d.popitem(), d)
print(list(d.keys()), list(d.values()), list(d.items()))
c = d.copy()
c["new"] = True
print(d, c, c is not d)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), dict.fromkeys(range(3), []), dict.fromkeys(()))
shared = dict.fromkeys("xy", [])
shared["x"].append(1)
print(shared)
d.clear()
print(d, len(d))
try:
    d.popitem()
except KeyError as e:
    print("KeyError:", e)
for bad in [lambda: {}.get(), lambda: {}.pop(), lambda: {}.update(1), lambda: {}.update([1]), lambda: {}.setdefault(),
            lambda: {}.update([("a", 1, 2)]), lambda: {}.fromkeys(1), lambda: {}.get([])]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(reversed({"x": 1, "y": 2}).__class__.__name__, list(reversed({"x": 1, "y": 2})), list(reversed({}.items())))
print({"k": 1}.__getitem__("k"), {"k": 1}.__contains__("k"), {}.__len__(), dict.__name__)

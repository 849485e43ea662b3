# dict repr (nested, recursive, unusual keys) and equality rules.
d = {"s": "str", 1: 1.5, None: [1, {"in": (2,)}], (1, 2): {3}, 2.5: b"b", True: False}
print(d)
print(repr({}), str({"a": {}}), repr({"q'": '"'}), {1: {2: {3: {}}}})
r = {"self": None}
r["self"] = r
print(r)
r2 = {"list": []}
r2["list"].append(r2)
print(r2)
print({1: 2} == {1: 2}, {1: 2} == {1: 2.0}, {1: 2} == {2: 1}, {"a": 1, "b": 2} == {"b": 2, "a": 1}, {} == {})
print({1: [1, 2]} == {1: [1, 2]}, {1: float("nan")} == {1: float("nan")}, {1: 1} != {1: True})
nan = float("nan")
print({1: nan} == {1: nan})
try:
    {1: 2} < {1: 3}
except TypeError as e:
    print("TypeError:", e)
print(dict(a=1) == {"a": 1}, {"a": 1}.items() == {("a", 1)}, list({"a": 1}.items()) == [("a", 1)])

# dict views are dynamic and support set operations.
d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it, len(k), len(v), len(it))
d["d"] = 4
del d["a"]
print(k, v, it, list(k), list(v), list(it))
print("b" in k, 2 in v, ("b", 2) in it, ("b", 3) in it, "z" not in k, ["unhashable"] in v)
print(k & {"b", "x"}, sorted(k | {"x"}), sorted(k - {"b"}), sorted(k ^ {"b", "z"}), it & {("c", 3)}, k == {"b", "c", "d"}, k <= {"b", "c", "d", "e"})
print(sorted(k | ["q"]), k.isdisjoint({"z"}), k.isdisjoint(["b"]), type(k & set()).__name__)
print(list(reversed(k)), list(reversed(v)), list(reversed(it)))
print(k.mapping, type(k).__name__, type(v).__name__, type(it).__name__)
try:
    v == v
    print("values views compare by identity:", v == v, d.values() == d.values())
except TypeError as e:
    print("TypeError:", e)
try:
    k[0]
except TypeError as e:
    print("TypeError:", e)
try:
    {"a": [1]}.items() & {("a", 1)}
except TypeError as e:
    print("TypeError:", e)
it2 = iter(d.items())
print(next(it2), list(it2))
e = {}
print(e.keys(), e.values(), e.items(), list(e.items()), bool(e.keys()), bool(d.keys()))
print({1: "a"}.keys() == {1}, {1: "a"}.items() == {(1, "a")}, dict(d.items()) == d)

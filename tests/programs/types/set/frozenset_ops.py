# frozenset: hashable, immutable set.
f = frozenset([3, 1, 2, 3])
print(f, repr(frozenset()), len(f), 2 in f, hash(f) == hash(frozenset({1, 2, 3})), f == {1, 2, 3})
print(f | {9}, f & {1, 5}, f - {1}, f ^ {3, 4}, f.union([7]), f.intersection({1}), f.difference([2]), f.symmetric_difference({1}))
print(f.issubset({1, 2, 3, 4}), f.issuperset({1}), f.isdisjoint({0}), f.copy() is f, type(f.copy()).__name__)
d = {f: "frozen key", frozenset(): "empty"}
print(d[frozenset({1, 2, 3})], d[frozenset()])
nested = {frozenset({1}), frozenset({1}), frozenset({2, 1})}
print(len(nested), frozenset({1}) in nested)
for bad in [lambda: f.add(1), lambda: f.remove(1), lambda: f.clear()]:
    try:
        bad()
    except AttributeError as e:
        print("AttributeError:", e)
try:
    hash({1})
except TypeError as e:
    print("TypeError:", e)
g = f
g |= {10}
print(g, f, g is f)
print(frozenset("aab") == frozenset("ab"), sorted(frozenset("hello")), frozenset(range(5)), frozenset({1: 2}))
class FS(frozenset):
    pass
print(type(FS([1]) | {2}).__name__, FS([1]), repr(FS()))

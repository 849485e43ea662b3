# slice objects and slice.indices().
s = slice(1, 10, 2)
print(s, repr(s), s.start, s.stop, s.step, slice(5), slice(None), slice(1, None), slice("a", "b", "c"))
cases = [slice(None), slice(2), slice(-2), slice(1, -1), slice(None, None, -1), slice(10, 1, -3), slice(-100, 100),
         slice(5, None, -2), slice(None, -6, -1), slice(3, 3), slice(4, 2), slice(0, 0, -1)]
for sl in cases:
    for n in (0, 5):
        idx = sl.indices(n)
        print(sl, n, idx, list(range(*idx)), list(range(n))[sl])
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3), slice(1, 2, None) == slice(1, 2), slice(0, 1) < slice(0, 2))
try:
    hash(slice(1, 2))
except TypeError as e:
    print("TypeError:", e)
for bad in [lambda: slice(), lambda: slice(1, 2, 0).indices(5), lambda: slice(1).indices(-1), lambda: slice("a").indices(3), lambda: slice(1, 2, 3, 4)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
class Idx:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
print("abcdef"[Idx(1):Idx(5):Idx(2)], [0, 1, 2, 3][Idx(-2):], slice(Idx(1), Idx(3)).indices(10))
print(slice(10 ** 30, -10 ** 30, -1).indices(5), slice(None, None, 10 ** 20).indices(3))
try:
    "abc"[Idx(0):"x"]
except TypeError as e:
    print("TypeError:", e)
data = list(range(20))
evens = slice(0, None, 2)
last3 = slice(-3, None)
print(data[evens], data[last3], "abcdefghij"[evens], (1, 2, 3, 4)[last3])
try:
    s.start = 5
except AttributeError as e:
    print("AttributeError:", e)

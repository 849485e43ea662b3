# len() on every container and protocol errors.
print(len(""), len("abc"), len("😀é"), len(b"ab"), len(bytearray(3)), len([1, 2]), len((1,)), len({1: 2}), len({1, 2, 2}))
print(len(frozenset()), len(range(10)), len(range(0, 10, 3)), len(range(10, 0)), len({}.keys()), len({1: 2}.items()))
print(len([[1, 2, 3]]), len("\n"), len(r"\n"), len(str(10 ** 100)), len(list(range(1000))))
class L:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
print(len(L(7)), len(L(True)))
for bad in [5, 5.0, None, iter([]), (x for x in []), L(-1), L(1.5), object()]:
    try:
        print(len(bad))
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    len()
except TypeError as e:
    print("TypeError:", e)
try:
    len([], [])
except TypeError as e:
    print("TypeError:", e)

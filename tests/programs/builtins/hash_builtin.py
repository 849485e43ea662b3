# hash() values that are deterministic (ints, floats, strings with PYTHONHASHSEED=0, tuples).
print([hash(i) for i in (0, 1, -1, -2, 2 ** 61 - 1, 2 ** 61, 2 ** 64, -(2 ** 64), 10 ** 20)])
print([hash(f) for f in (0.0, -0.0, 1.0, 1.5, -1.5, 0.1, 1e100, float("inf"), float("-inf"), 2.0 ** 70)])
print([hash(c) for c in (0j, 1j, 1 + 1j, 2.5 - 3j)])
print([hash(s) for s in ("", "a", "abc", "hello world", "é", "😀")])
print([hash(b) for b in (b"", b"a", b"abc")])
print([hash(t) for t in ((), (1,), (1, 2), ("a", 1.5), ((1, 2), (3,)))])
print(hash(True) == 1, hash(False) == 0, hash(1) == hash(1.0), hash("a") == hash("a"), hash(frozenset()) == hash(frozenset()))
print(hash(frozenset({1, 2, 3})), hash(frozenset()), hash(range(3)) == hash(range(0, 3)))
class H:
    def __hash__(self): return 12345
print(hash(H()), hash(H()) == 12345)
class Big:
    def __hash__(self): return 2 ** 70
print(hash(Big()))
for bad in [[], {}, set(), bytearray(), slice(1)]:
    try:
        hash(bad)
    except TypeError as e:
        print("TypeError:", e)

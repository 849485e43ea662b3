# Calling each builtin type as a constructor with no/various arguments.
print(repr(int()), repr(float()), repr(complex()), repr(str()), repr(bytes()), repr(bytearray()), repr(bool()))
print(repr(list()), repr(tuple()), repr(dict()), repr(set()), repr(frozenset()), repr(range(0)), repr(slice(None)))
print(int("7"), float("7"), complex("7"), str(7), bytes(2), bytearray(2), bool(7), list("ab"), tuple("ab"))
print(dict(a=1), set("aab") == {"a", "b"}, frozenset([1]), range(2, 5), slice(1, 2), type(object()).__name__)
print(int("12", base=16), str(object=5), str(b"\xc3\xa9", encoding="utf-8"), float("1.5"))
for t in (int, float, complex, str, bytes, bytearray, bool, list, tuple, dict, set, frozenset, range, slice, object, type):
    print(t.__name__, type(t).__name__, t.__module__, callable(t), isinstance(t, type))
for bad in [lambda: int(1, 2), lambda: float(1, 2), lambda: list(1, 2), lambda: tuple(1), lambda: bool(1, 2), lambda: set(1, 2),
            lambda: str(1, 2), lambda: object(1), lambda: frozenset(1, 2)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

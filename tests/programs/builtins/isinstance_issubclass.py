# isinstance() and issubclass() with builtin and user types.
values = [1, True, 1.0, 1j, "s", b"b", bytearray(), [], (), {}, set(), frozenset(), None, range(1), len, type, object()]
types = [int, bool, float, complex, str, bytes, list, tuple, dict, set, object, type]
for v in values:
    name = type(v).__name__
    print(f"{name:26}", "".join("1" if isinstance(v, t) else "." for t in types))
print(issubclass(bool, int), issubclass(int, bool), issubclass(int, object), issubclass(type, object), issubclass(object, type))
print(issubclass(int, (str, int)), issubclass(list, ()), isinstance(1, (str, (bytes, (int,)))), isinstance(type, type))
class A: pass
class B(A): pass
print(isinstance(B(), A), isinstance(A(), B), issubclass(B, A), issubclass(B, B), issubclass(A, object), isinstance(A, type))
print(isinstance(1, int | str), issubclass(bool, int | None), isinstance(None, type(None) | int))
for bad in [lambda: isinstance(1, 1), lambda: issubclass(1, int), lambda: issubclass(int, 1), lambda: isinstance(1, (int, 1))]:
    try:
        print(bad())
    except TypeError as e:
        print("TypeError:", e)

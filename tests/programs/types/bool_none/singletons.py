# Built-in singletons: None, Ellipsis, NotImplemented, True, False.
print(type(None)() is None, type(...)() is ..., type(NotImplemented)() is NotImplemented)
print(repr(...), repr(NotImplemented), str(Ellipsis), Ellipsis is ..., ... == ...)
print(type(...).__name__, type(NotImplemented).__name__, type(None).__name__)
print(bool(...), [...], (..., ...), {...: 1}[...])
for cls in (type(None), type(...), type(NotImplemented)):
    try:
        class Sub(cls):
            pass
    except TypeError as e:
        print("TypeError:", e)
    try:
        cls(1)
    except TypeError as e:
        print("TypeError:", e)
print(True is bool(1), False is bool(0), bool(2) is True, int(True) == 1)
def ret(): return NotImplemented
print(ret() is NotImplemented)
a = [None, None]
print(a[0] is a[1], None in a, a.count(None))

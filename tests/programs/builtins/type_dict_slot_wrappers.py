# The class dicts of the builtin types and exceptions hold the slot
# wrappers CPython's static types get for the slots they fill themselves,
# even with the function they would inherit (Exception.__init__,
# int.__getattribute__, ...), and nothing type inherits from object.
import builtins

# Known difference: Taipan's bytes, tuple and memoryview define __sizeof__
# themselves (CPython's object.__sizeof__ counts their items).
OWN_SIZEOF = {"bytes", "tuple", "memoryview"}

for name in sorted(dir(builtins)):
    T = getattr(builtins, name)
    if isinstance(T, type):
        names = sorted(vars(T))
        if name in OWN_SIZEOF:
            names = [n for n in names if n != "__sizeof__"]
        print(name, " ".join(names))

print(Exception.__init__, Exception.__new__.__self__ is Exception, Exception.__new__.__qualname__)
print(KeyError.__init__, UnicodeDecodeError.__new__.__self__.__name__, AttributeError.__str__, NameError.__str__)
print(BaseException.__getattribute__, BaseException.__setattr__, BaseException.__delattr__)
print(int.__getattribute__, str.__getattribute__, zip.__getattribute__)
print(OSError.__reduce__, ImportError.__reduce__)
print(type.__eq__ is object.__eq__, type.__hash__ is object.__hash__, type.__lt__ is object.__lt__)

e = Exception.__new__(ValueError, 1, 2)
Exception.__init__(e, 3)
print(type(e).__name__, e.args)
print(int.__getattribute__(5, "real"), str.__getattribute__("a", "upper")())
k = KeyError("x")
BaseException.__setattr__(k, "note", 1)
print(k.note)
BaseException.__delattr__(k, "note")
print(hasattr(k, "note"), str(k))
print(AttributeError.__str__(AttributeError("gone")), NameError.__str__(NameError("n")))
print(OSError.__reduce__(FileNotFoundError(2, "missing", "f.txt")))
print(ImportError.__reduce__(ImportError("m", name="n", path="p")))
print(UnicodeDecodeError.__new__(UnicodeDecodeError, "utf-8", b"\xff", 0, 1, "bad").args)
print(type.__eq__(int, int), type.__hash__(int) == hash(int), int == int, {int: 1}[int])
try:
    Exception.__init__(1)
except TypeError as e:
    print("TypeError", e)
try:
    Exception.__new__(int)
except TypeError as e:
    print("TypeError", e)
try:
    int.__getattribute__("s", "x")
except TypeError as e:
    print("TypeError", e)
try:
    int.__add__("s", 1)
except TypeError as e:
    print("TypeError", e)

import doctest
print(825 < len(doctest.DocTestFinder().find(builtins)) < 845)

# sys.getsizeof of class instances (CPython 3.11, 64-bit: a plain instance
# is 56 bytes with its GC header and its dict and values pointers; slots
# add 8 each), of tuples of every small length and of tuple subclasses.
import sys


class Plain:
    pass


class Two:
    def __init__(self):
        self.x = 1
        self.y = 2


class Slots2:
    __slots__ = ("x", "y")


class Slots0:
    __slots__ = ()


class SlotsWeak:
    __slots__ = ("a", "__weakref__")


class SlotsDict:
    __slots__ = ("a", "__dict__")


class Sub(Two):
    pass


class SubSlots(Slots2):
    __slots__ = ("z",)


for cls in (Plain, Two, Slots2, Slots0, SlotsWeak, Sub, SubSlots, object):
    o = cls()
    print(cls.__name__, sys.getsizeof(o), o.__sizeof__())

t = Two()
print("before __dict__", sys.getsizeof(t))
d = t.__dict__
print("after __dict__", sys.getsizeof(t), sorted(d))
t.z = 3
print("more attributes", sys.getsizeof(t))

for n in range(12):
    t = tuple(range(n))
    print("tuple", n, sys.getsizeof(t), t.__sizeof__())
    print("built", n, sys.getsizeof((*t,)) if n else sys.getsizeof(()))


class T(tuple):
    pass


class TS(tuple):
    __slots__ = ()


for n in (0, 1, 2, 3, 7):
    print("T", n, sys.getsizeof(T(range(n))), "TS", sys.getsizeof(TS(range(n))))

print("version_info", sys.getsizeof(sys.version_info) > sys.getsizeof(tuple(sys.version_info)))
x = T((1, 2, 3))
x.attr = "a"
print(x, x.attr, len(x), x[1], x[-1], x[0:2], list(reversed(x)), hash(x) == hash((1, 2, 3)))
print(TS((4, 5)) == (4, 5), TS("ab") + ("c",), (1,) * 3, (1, 2) + (3,))

# float()/tuple() subclasses and keywords; float()'s conversion order
# (__float__ of float and str subclasses); range attributes are exact ints;
# reversed() length hints; struct formats with NUL; int.from_bytes of
# non-bytes.
import operator
import struct


class FloatInit(float):
    def __init__(self, arg, newarg=None):
        self.newarg = newarg


class TupleInit(tuple):
    def __init__(self, arg, newarg=None):
        self.newarg = newarg


class FloatPlain(float):
    pass


class TuplePlain(tuple):
    pass


print(FloatInit(2.5, newarg=3).newarg, TupleInit([1, 2], newarg=4).newarg)
for cls in (FloatPlain, TuplePlain, float, tuple):
    try:
        cls(sequence=())
    except TypeError as e:
        print(cls.__name__, "TypeError", e)


class Foo1:
    def __float__(self):
        return 42.


class Foo2(float):
    def __float__(self):
        return 42.


class Foo4(float):
    def __float__(self):
        return 42


class FooStr(str):
    def __float__(self):
        return float(str(self)) + 1


class PlainStr(str):
    pass


print(float(Foo1()), float(Foo2()), float(FooStr("8")), float(PlainStr("7.5")), float(FloatPlain(1.25)))
try:
    float(Foo4(42))
except TypeError as e:
    print("TypeError", e)
for r in (range(True), range(False, True), range(0, 10, True)):
    print([type(x).__name__ for x in (r.start, r.stop, r.step)], r)
for s in ("hello", tuple("hello"), list("hello"), range(5)):
    r = reversed(s)
    print(type(r).__name__, operator.length_hint(r), end=" ")
    list(r)
    print(operator.length_hint(r))
lst = [1, 2, 3]
r = reversed(tuple(lst))
print(r.__length_hint__())
for fmt in ("\0", "2\0i", b"\0", "2i"):
    try:
        print(struct.calcsize(fmt))
    except struct.error as e:
        print("struct.error", e)
for src in (0, "", 1.5, [1, 2], (4,), iter([3]), b"\x01\x00"):
    try:
        print(int.from_bytes(src, "big"))
    except TypeError as e:
        print("TypeError", e)

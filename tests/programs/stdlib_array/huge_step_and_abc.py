# Slices with a step past sys.maxsize, the MutableSequence registration,
# _array_reconstructor's checks and iterators that let go of their array.
import array
import collections.abc
import gc
import weakref

for tc in "bBhHiIlLqQfd":
    a = array.array(tc, range(10))
    del a[9::1 << 333]
    b = array.array(tc, range(10))
    del b[::-(1 << 100)]
    print(tc, a.tolist(), b.tolist(), array.array(tc, range(5))[::1 << 70].tolist(), array.array(tc, range(5))[::-(1 << 70)].tolist())
c = array.array("i", range(6))
c[::1 << 80] = array.array("i", [42])
print(c)
try:
    c[::1 << 80] = array.array("i", [1, 2])
except ValueError as e:
    print("ValueError", e)

print(isinstance(array.array("B"), collections.abc.MutableSequence))
print(issubclass(array.array, collections.abc.Sequence))

from array import _array_reconstructor as rebuild
for args in [(array.array, "?", 0, b""), (array.array, "b", 22, b""), (array.array, "d", 16, b"a"),
             (array.array, "b", 0, b"xyz"), (array.array, "i", 8, b"\x01\x00\x00\x00")]:
    try:
        print(rebuild(*args))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


class A(array.array):
    pass


a = A("i", [1, 2])
ref = weakref.ref(a)
it = iter(a)
del a
print(list(it), next(it, "done"))
gc.collect()
print("array freed:", ref() is None)
print(it.__reduce__()[1])

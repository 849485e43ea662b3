# sys.getsizeof as CPython 3.11 (64-bit): ints by 30-bit digit count, bool,
# float, and tuples (24-byte header, 8 per item, the GC header, and what a
# subclass adds).
import sys

for v in (0, 1, -1, 255, 2**29, 2**30, -2**30, 2**59, 2**60, 2**62, 2**63, 2**64, 2**90, -2**100, True, False):
    print(v, sys.getsizeof(v), v.__sizeof__())
print(sys.getsizeof(1.5), sys.getsizeof(-0.0))


class T(tuple):
    pass


class S(tuple):
    __slots__ = ()


for t in ((), (1,), (1, 2), tuple(range(20)), T(), T((1, 2)), S((1,))):
    print(len(t), type(t).__name__, sys.getsizeof(t), t.__sizeof__())

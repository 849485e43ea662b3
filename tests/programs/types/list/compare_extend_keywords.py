# list == re-checks both lengths after the first differing item (an
# item's __eq__ may empty a list), extend() ignores a __length_hint__ that
# overflows, subclasses refuse keywords unless they define __new__, and
# huge repetitions fail with MemoryError.
import sys


class X:
    def __eq__(self, other):
        list2.clear()
        return NotImplemented


class Y:
    def __eq__(self, other):
        list1.clear()
        return NotImplemented


class Z:
    def __eq__(self, other):
        list3.clear()
        return NotImplemented


list1 = [X()]
list2 = [Y()]
print(list1 == list2, list1, list2)
list3 = [Z()]
list4 = [1]
print(list3 == list4, list3 != list4)
print([1, 2] < [1, 3], [1, 2] < [1], [1] <= [1, 0], [2] > [1, 9])


class CustomIter:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration

    def __length_hint__(self):
        return sys.maxsize


a = [1, 2, 3, 4]
a.extend(CustomIter())
print(a)
for build in (list, lambda it: [].extend(it)):
    try:
        build(CustomIter())
    except MemoryError:
        print("MemoryError")


class Sub(list):
    pass


class SubWithNew(list):
    def __new__(cls, seq, newarg=None):
        self = super().__new__(cls, seq)
        self.newarg = newarg
        return self


class SubWithInit(list):
    def __init__(self, seq, newarg=None):
        super().__init__(seq)
        self.newarg = newarg


try:
    Sub(sequence=())
except TypeError as e:
    print("TypeError", e)
u = SubWithNew([1, 2], newarg=3)
v = SubWithInit([1, 2], newarg=4)
print(u, u.newarg, v, v.newarg)

lst = [0] * 65
del lst[1:]
size = (2 ** (tuple.__itemsize__ * 8) - 1) // 2
print(tuple.__itemsize__, int.__itemsize__, bool.__itemsize__, bytes.__itemsize__, list.__itemsize__, object.__itemsize__)
for op in (lambda: lst * size, lambda: lst.__imul__(size)):
    try:
        op()
    except (MemoryError, OverflowError) as e:
        print(type(e).__name__)


class BadLen:
    def __iter__(self):
        return iter(range(10))

    def __len__(self):
        raise RuntimeError("hello")


class BadLengthHint:
    def __iter__(self):
        return iter(range(10))

    def __length_hint__(self):
        raise RuntimeError("hello")


for target in ([], bytearray(range(10))):
    for src in (BadLen(), BadLengthHint()):
        try:
            target.extend(src)
            print("extended", len(target))
        except RuntimeError as e:
            print(type(target).__name__, "RuntimeError", e)

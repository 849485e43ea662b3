# BINARY_SUBSCR_GETITEM: `obj[i]` on a heap class with a Python
# `__getitem__(self, i)` pushes its frame. Warmed, then every guard broken:
# `__getitem__` replaced, its `__code__` replaced, defaults and varargs,
# subclasses, exceptions inside it (with their tracebacks), recursion.
import sys
import traceback


class Seq:
    def __init__(self, n):
        self.n = n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * 10


class Sub(Seq):
    pass


def get(o, i):
    return o[i]


s = Seq(5)
print([get(s, i) for i in range(5)] * 1)
for i in range(50):
    get(s, i % 5)
print(list(s))
try:
    get(s, 7)
except IndexError as e:
    print("IndexError", e)
    tb = traceback.extract_tb(e.__traceback__)
    print([f.name for f in tb])
print(get(Sub(3), 2))


def other(self, i):
    return ("other", i)


Seq.__getitem__ = other
print(get(s, 1), get(Sub(3), 1))


def with_default(self, i, extra=1):
    return ("default", i, extra)


Seq.__getitem__ = with_default
print(get(s, 2))


def three(self, i):
    return ("three", i)


def code_swap(self, i):
    return ("before swap", i)


Seq.__getitem__ = code_swap
for i in range(30):
    get(s, i)
code_swap.__code__ = three.__code__
print(get(s, 3))
Seq.__getitem__ = lambda self, *a: ("varargs", a)
print(get(s, 4))
Seq.__getitem__ = dict.__getitem__
try:
    get(s, 5)
except TypeError as e:
    print("TypeError", e)
del Seq.__getitem__
try:
    get(s, 1)
except TypeError as e:
    print("TypeError", e)
Sub.__getitem__ = lambda self, i: ("Sub", i)
print(get(Sub(1), 0))
# An instance attribute named __getitem__ is not used.
t = Sub(1)
t.__getitem__ = lambda i: "instance"
print(get(t, 0))


# Recursion through __getitem__.
class Deep:
    def __getitem__(self, i):
        if i == 0:
            return 0
        return self[i - 1] + 1


d = Deep()
print(get(d, 100))
try:
    get(d, 100000)
except RecursionError:
    print("RecursionError")


# A generator __getitem__ and a class whose subscript holds a list.
class G:
    def __getitem__(self, i):
        yield i


print(list(get(G(), 3)))


class Wrap:
    def __init__(self):
        self.v = [1, 2, 3]

    def __getitem__(self, i):
        return self.v[i]


w = Wrap()
print(sum(get(w, i % 3) for i in range(60)), get(w, slice(0, 2)))
print(sys.getrecursionlimit() > 0)

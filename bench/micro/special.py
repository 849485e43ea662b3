"""Micro-programs for single specialized instructions (callgrind counts per
iteration: run with N and 2N and divide the difference by N).
argv: case, N. Cases: class_method, with_hint, with_dict, getitem, str_1,
tuple_1, builtin_class, builtin_kw, list_append; and the allocation and
freeing of one object per iteration: alloc_tuple, alloc_list, alloc_dict,
alloc_method, alloc_float, alloc_int."""
import sys


class K:
    def m(self):
        return 1


class Many:
    def m(self):
        return 2


def many():
    o = Many()
    for i in range(40):
        setattr(o, "a%d" % i, i)
    return o


class Seq:
    def __getitem__(self, i):
        return i


def class_method(n):
    k = K()
    for _ in range(n):
        K.m(k)


def with_hint(n):
    o = many()
    for _ in range(n):
        o.a5 = o.a6


def with_dict(n):
    o = many()
    for _ in range(n):
        o.m()


def getitem(n):
    s = Seq()
    for i in range(n):
        s[i]


def str_1(n):
    for i in range(n):
        str(i)


def tuple_1(n):
    t = (1, 2)
    for _ in range(n):
        tuple(t)


def builtin_class(n):
    for _ in range(n):
        list()


def builtin_kw(n):
    x = [3, 1]
    for _ in range(n):
        sorted(x, reverse=True)


def list_append(n):
    for _ in range(n // 100):
        lst = []
        for i in range(100):
            lst.append(i)


def alloc_tuple(n):
    for i in range(n):
        t = (i, i)


def alloc_list(n):
    for i in range(n):
        t = [i]


def alloc_dict(n):
    for i in range(n):
        t = {}


def alloc_method(n):
    k = K()
    for i in range(n):
        t = k.m


def alloc_float(n):
    x = 1.5
    for i in range(n):
        t = x + x


def alloc_int(n):
    x = 1000
    for i in range(n):
        t = x + x


def empty_loop(n):
    for i in range(n):
        t = i


if __name__ == "__main__":
    globals()[sys.argv[1]](int(sys.argv[2]))

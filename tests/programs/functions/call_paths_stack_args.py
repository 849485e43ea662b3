# Calls whose arguments are passed from the caller's value stack without a
# copy: Python functions with defaults, keywords, *args and **kwargs; builtins
# and native callables; f(*tuple); errors raised while binding (the stack is
# unwound by the handler); deep recursion; frames seen through sys._getframe.
import sys


def with_defaults(a, b=2, c=3):
    return a + b * 10 + c * 100


def kwonly(a, *, k=5):
    return (a, k)


def star(*args, **kw):
    return (args, sorted(kw.items()))


class C:
    def __init__(self, x, y=7):
        self.x = x
        self.y = y

    def m(self, z, w=1):
        return self.x + self.y + z + w


for i in range(30):
    r = with_defaults(i) + with_defaults(i, 1) + with_defaults(i, c=4)
print("defaults", r)
print("kwonly", kwonly(1), kwonly(2, k=9))
print("star", star(1, 2, x=3), star(*(4, 5)), star(*[6], **{"y": 8}))
c = C(3)
print("method", [c.m(i) for i in range(3)], C(1, y=2).m(0, w=5))
print("builtins", max(3, 9, 4), min([5, 2, 8]), divmod(17, 5), sorted([3, 1, 2], key=lambda v: -v))
print("ex tuple", with_defaults(*(1, 2, 3)), max(*(1, 5, 2)), isinstance(*(1, int)))
print("ex dict", with_defaults(*(1,), **{"c": 9}))


def bad_calls():
    out = []
    for f, a, kw in [
        (with_defaults, (), {}),
        (with_defaults, (1, 2, 3, 4), {}),
        (kwonly, (1,), {"q": 1}),
        (with_defaults, (1,), {"a": 2}),
        (len, (1, 2), {}),
        (C, (), {}),
    ]:
        try:
            f(*a, **kw)
        except TypeError as e:
            out.append(str(e))
    return out


for line in bad_calls():
    print("error", line)


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print("depth", depth(500))


def rec():
    rec()


try:
    rec()
except RecursionError as e:
    print("recursion", e)


def outer():
    return inner(1)


def inner(x, y=2):
    f = sys._getframe()
    return [f.f_code.co_name, f.f_back.f_code.co_name, f.f_lineno - f.f_code.co_firstlineno, x + y]


print("frames", outer())


def gen(n):
    for i in range(n):
        got = yield i
        if got:
            print("sent", got)


g = gen(3)
print("gen", next(g), g.send("a"), next(g))


def raiser(a, b=1):
    raise ValueError(a + b)


def catcher():
    try:
        return raiser(1)
    except ValueError as e:
        tb = e.__traceback__
        names = []
        while tb:
            names.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        return (e.args, names)


print("traceback", catcher())

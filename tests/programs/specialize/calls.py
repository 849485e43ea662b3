# PRECALL/CALL specialized for Python functions, bound methods and builtins
# (len, isinstance, type, list.append, one-argument builtins, method
# descriptors), then each guard broken: __code__ and __defaults__ replaced,
# a function swapped for a bound method or a builtin at the same site,
# builtins patched, keyword arguments, wrong argument counts.
import sys

builtins = sys.modules["builtins"]


def f(a, b):
    return a + b


def g(a, b=10):
    return a * b


def other_code(a, b):
    return "other code %r %r" % (a, b)


class K:
    def m(self, x):
        return ("K.m", x)


def call2(fn, x, y):
    return fn(x, y)


def call1(fn, x):
    return fn(x)


def call_len(x):
    return len(x)


def call_isinstance(x):
    return isinstance(x, int)


def call_type(x):
    return type(x)


def append(lst, x):
    lst.append(x)
    return lst


def method(o, x):
    return o.m(x)


def upper(s):
    return s.upper()


def get(d, k):
    return d.get(k)


def warm(fn, *args):
    r = None
    for _ in range(100):
        r = fn(*args)
    return r


print(warm(call2, f, 1, 2), call2(g, 3, 4), call2(max, 5, 6), call2(K().m.__func__, K(), 7))
f.__code__ = other_code.__code__
print(call2(f, 1, 2))
print(warm(call1, g, 3), call1(abs, -3), call1(K().m, 9), call1(str, 5))
g.__defaults__ = (100,)
print(call1(g, 3))
g.__defaults__ = None
try:
    call1(g, 3)
except TypeError as e:
    print("TypeError:", e)
print(call2(lambda a, b=1, *rest: (a, b, rest), 1, 2))

print(warm(call_len, "abc"), call_len([1, 2]), call_len({}))
builtins.len = lambda x: "patched len"
print(call_len("abc"))
del builtins.len
try:
    call_len("abc")
except NameError as e:
    print("NameError:", e)
builtins.len = len = (lambda: None).__class__.__call__ if False else __import__("builtins").__dict__.get("abs")
print(call_len(-4))
del len
builtins.len = type("x", (), {"__call__": lambda self, x: "callable object"})()
print(call_len("q"))
builtins.len = lambda x: x.__len__()
print(call_len("four"))
try:
    call_len(5)
except AttributeError as e:
    print("AttributeError:", e)

print(warm(call_isinstance, 3), call_isinstance("3"), call_isinstance(True))
isinstance = lambda a, b: "shadowed isinstance"
print(call_isinstance(3))
del isinstance
print(call_isinstance(3.0))
print(warm(call_type, 3), call_type("s"), call_type(K()).__name__)
type = lambda x: "shadowed type"
print(call_type(3))
del type

lst = []
warm(append, lst, 1)
print(len(lst) if False else lst.__len__())


class MyList(list):
    def append(self, x):
        print("MyList.append", x)


print(append(MyList(), 5))


class AppendList(list):
    pass


print(append(AppendList(), 6))
try:
    append((), 1)
except AttributeError as e:
    print("AttributeError:", e)

k = K()
print(warm(method, k, 1))
k.m = lambda x: ("instance m", x)
print(method(k, 2))
K.m = lambda self, x: ("patched K.m", x)
print(method(K(), 3))
print(warm(upper, "abc"), upper(type("S", (str,), {"upper": lambda self: "S.upper"})("x")) if False else upper("x"))
try:
    upper(b"abc".decode() if False else 5)
except AttributeError as e:
    print("AttributeError:", e)
print(warm(get, {"a": 1}, "a"), get({}, "b"), get({"b": 2}, "b"))


class D(dict):
    def get(self, k):
        return "D.get"


print(get(D(), "z"))


def kw_call(fn):
    return fn(1, b=2)


print(warm(kw_call, g), kw_call(f) if False else kw_call(lambda a, b: (a, b)))


def rec(n):
    if n == 0:
        return 0
    return 1 + rec(n - 1)


print(rec(500))


def gen(n):
    for i in range(n):
        yield i


def use_gen(n):
    return sum(gen(n))


print(warm(use_gen, 10))

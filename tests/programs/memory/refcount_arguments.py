import sys
x = object()
def one(a):
    return sys.getrefcount(a)
def two(a, b):
    return sys.getrefcount(a)
def star(*args):
    return sys.getrefcount(args[0])
def kw(**kwargs):
    return sys.getrefcount(kwargs["a"])
def default(a=x):
    return sys.getrefcount(a)
def nested(a):
    return one(a)
print("base", sys.getrefcount(x))
print("one", one(x))
print("two same", two(x, x))
print("star", star(x))
print("kw", kw(a=x))
print("default", default())
print("nested", nested(x))
print("lambda", (lambda a: sys.getrefcount(a))(x))
class C:
    def m(self, a):
        return sys.getrefcount(a)
    def me(self):
        return sys.getrefcount(self)
c = C()
print("method arg", c.m(x))
print("self", c.me())
print("unbound call", C.me(c))
print("base again", sys.getrefcount(x))
del default
print("after del default", sys.getrefcount(x))

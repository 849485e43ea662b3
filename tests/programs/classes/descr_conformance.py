# Behaviours test_descr checks: super subclasses bind through themselves,
# `del obj.__dict__`, method-wrapper equality, object.__reduce__ arguments,
# special methods looked up on the type when reducing, readonly property
# members, type.__doc__ and __abstractmethods__ deletion.
import sys


class mysuper(super):
    def __init__(self, *args):
        super(mysuper, self).__init__(*args)


class A:
    def meth(self, a):
        return "A(%r)" % a


class F(A):
    def meth(self, a):
        s = self.__super
        return "F(%r)[%s]" % (a, s.__class__.__name__) + s.meth(a)


F._F__super = mysuper(F)
print(F().meth(6))


class D:
    pass


d = D()
d.x = 1
del d.__dict__
print(d.__dict__, hasattr(d, "x"))
d.y = 2
print(d.__dict__)

l = []
print(l.__add__ == l.__add__, l.__add__ != l.__add__, l.__add__ == [].__add__)
print(hash(l.__add__) == hash(l.__add__))

object().__reduce__()
for call in (lambda: object().__reduce__(0), lambda: object().__reduce_ex__(), lambda: object().__reduce_ex__(None)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)


class Picky:
    def __getattr__(self, attr):
        raise AssertionError(attr)

    def __getstate__(self):
        return None


print(Picky().__reduce_ex__(2)[1][0].__name__)


class REX:
    calls = 0

    def __reduce__(self):
        REX.calls += 1
        return object.__reduce__(self)


print(REX().__reduce_ex__(2)[0].__name__, REX.calls)


class P:
    x = property(lambda self: 1)


for attr in ("fget", "fset", "fdel"):
    try:
        setattr(P.__dict__["x"], attr, 42)
    except AttributeError as e:
        print("AttributeError:", e)


class X:
    "elephant"


X.__doc__ = "banana"
print(X.__doc__)
for f in (lambda: type(list).__dict__["__doc__"].__set__(list, "blah"),
          lambda: type(X).__dict__["__doc__"].__delete__(X)):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)
try:
    del X.__abstractmethods__
except AttributeError as e:
    print("AttributeError:", e)


class Desc:
    def __set_name__(self, owner, name):
        raise ValueError("no " + name)


try:
    class Owner:
        attr = Desc()
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__), "| context:", repr(e.__context__))


class M(type(sys)):
    @property
    def __dict__(self):
        return "Not a dict!"


try:
    dir(M("m"))
except TypeError as e:
    print("TypeError:", e)

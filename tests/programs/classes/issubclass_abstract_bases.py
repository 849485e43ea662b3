# issubclass() with objects that pose as classes through __bases__
# (type.__subclasscheck__ falls back to walking __bases__, as CPython).
import sys


class AbstractClass:
    def __init__(self, bases):
        self.bases = bases

    def getbases(self):
        return self.bases

    __bases__ = property(getbases)

    def __call__(self):
        return AbstractInstance(self)


class AbstractInstance:
    def __init__(self, klass):
        self.klass = klass

    def getclass(self):
        return self.klass

    __class__ = property(getclass)


AbstractSuper = AbstractClass(bases=())
AbstractChild = AbstractClass(bases=(AbstractSuper,))
print(issubclass(AbstractChild, AbstractSuper), issubclass(AbstractSuper, AbstractChild))
print(issubclass(AbstractChild, int), issubclass(AbstractSuper, AbstractSuper))
print(isinstance(AbstractChild(), AbstractSuper), isinstance(AbstractSuper(), AbstractChild))


class A:
    @property
    def __bases__(self):
        return (int,)


class B:
    @property
    def __bases__(self):
        return (A(),)


print(issubclass(B(), int), issubclass(B(), str))


class Cycle:
    @property
    def __bases__(self):
        return (self, self, self)


class Failure:
    def __getattr__(self, attr):
        return (self, None)


old = sys.getrecursionlimit()
sys.setrecursionlimit(200)
for obj in (Cycle(), Failure()):
    try:
        issubclass(obj, int)
    except RecursionError:
        print(type(obj).__name__, "RecursionError")
sys.setrecursionlimit(old)

for args in [(1, int), (int, 1), (object(), object), (int, AbstractSuper)]:
    try:
        print(issubclass(*args))
    except TypeError as e:
        print("TypeError", e)
print(int.__subclasscheck__(bool), type.__subclasscheck__(int, AbstractChild))

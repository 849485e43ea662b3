# Introspection attributes of classes.
class A:
    "doc A"
    x = 1
    def f(self): pass
class B(A):
    pass
class C(B, object):
    pass
for cls in (A, B, C):
    print(cls.__name__, cls.__qualname__, cls.__module__, [b.__name__ for b in cls.__bases__], [m.__name__ for m in cls.__mro__])
print(C.__doc__, B.__doc__, A.__doc__)
print(object.__bases__, object.__mro__, type.__mro__)
print(int.__mro__, bool.__mro__)
print(type(A), A.__class__, A().__class__, A().__class__.__name__)
class Outer:
    class Inner:
        class Deepest:
            pass
print(Outer.Inner.Deepest.__qualname__, Outer.Inner.Deepest.__name__)
def make():
    class Local: pass
    return Local
print(make().__qualname__)
A.__name__ = "Renamed"
print(A.__name__, A.__qualname__, A)
A.__qualname__ = "Q.Renamed"
print(A)
print(isinstance(A, type), isinstance(A(), A), type(A()) is A)
print(callable(A), callable(A()))
print(hasattr(A, 'f'), hasattr(A(), 'f'), hasattr(A, '__init__'))
print(A.f.__qualname__)
print(sorted(n for n in dir(C) if not n.startswith('_')))

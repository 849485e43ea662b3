# Function attributes: __name__, __qualname__, __module__, __defaults__, ...
def plain(a, b=1, *args, c, d=2, **kw) -> str:
    "The docstring."
    return ''
print(plain.__name__, plain.__qualname__, plain.__module__)
print(plain.__defaults__, plain.__kwdefaults__, plain.__doc__)
print(plain.__annotations__)
class Outer:
    def method(self): pass
    class Inner:
        def deep(self): pass
    @staticmethod
    def st(): pass
    @classmethod
    def cm(cls): pass
print(Outer.method.__qualname__, Outer.Inner.deep.__qualname__, Outer.Inner.__qualname__)
print(Outer.st.__qualname__, Outer.cm.__qualname__, Outer.cm.__name__)
def factory():
    def local(): pass
    return local
print(factory().__qualname__, factory().__name__)
lam = lambda: 0
print(lam.__name__, lam.__qualname__)
def nodoc(): pass
print(nodoc.__doc__, nodoc.__defaults__, nodoc.__kwdefaults__, nodoc.__annotations__)
plain.__name__ = "renamed"
plain.__qualname__ = "Some.renamed"
print(plain.__name__, plain.__qualname__)
plain.__doc__ = "new doc"
print(plain.__doc__)
plain.custom = [1, 2]
print(plain.custom, plain.__dict__)
print(type(plain).__name__, callable(plain))
def with_ann(x: int, *, y: "Y") -> float: pass
print(with_ann.__annotations__)
try:
    plain.__name__ = 5
except TypeError as e:
    print("TypeError:", e)
try:
    plain.__defaults__ = 5
except TypeError as e:
    print("TypeError:", e)
print(repr(nodoc.__code__.co_name), nodoc.__code__.co_argcount)
def g(a, b, *c, d, **e):
    x = 1
print(g.__code__.co_varnames, g.__code__.co_nlocals)
print(g.__globals__ is globals())

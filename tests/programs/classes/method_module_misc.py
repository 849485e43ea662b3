# classmethod of a bound method binds it again; module __annotations__ is
# made on first use; a yield-from delegate whose `close` lookup fails is
# reported through sys.unraisablehook.
import sys
import types


class A:
    def foo(self, cls):
        return "spam from %s" % cls.__name__


class B:
    bar = classmethod(A().foo)


print(B.bar())
print(hasattr(types.MethodType, "__get__"))

m = types.ModuleType("m")
print("__annotations__" in m.__dict__)
print(m.__annotations__, "__annotations__" in m.__dict__)
m.__annotations__ = {"x": int}
print(m.__annotations__)
del m.__annotations__
try:
    del m.__annotations__
except AttributeError as e:
    print("AttributeError:", e)


class Broken:
    def __iter__(self):
        return self

    def __next__(self):
        return 1

    def __getattr__(self, attr):
        1 / 0


def g():
    yield from Broken()


seen = []
sys.unraisablehook = lambda u: seen.append((u.exc_type.__name__, type(u.object).__name__))
gi = g()
print(next(gi))
gi.close()
sys.unraisablehook = sys.__unraisablehook__
print(seen)

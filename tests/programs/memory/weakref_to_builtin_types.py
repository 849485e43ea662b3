# Weak references to builtin type objects, `type` itself included (its
# weakref list slot was left uninitialised and the first ref crashed).
import weakref
import collections.abc

for t in (type, object, int, str, dict, weakref.ref):
    r = weakref.ref(t)
    print(r() is t, weakref.ref(t) is r, weakref.getweakrefcount(t) >= 1)
print(issubclass(type, collections.abc.Awaitable), issubclass(type, collections.abc.Hashable))
p = weakref.proxy(type)
print(p.__name__)

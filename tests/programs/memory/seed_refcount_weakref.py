import sys
import weakref
# the seed's example: a list bound to two names, watched through getrefcount
a = [1, 2, 3]
print("a alone", sys.getrefcount(a))
b = a
print("a and b", sys.getrefcount(a))
del a
print("only b", sys.getrefcount(b))
# and through a weak reference (a list subclass takes weakrefs, a plain list does not)
class L(list):
    pass
a = L([1, 2, 3])
b = a
r = weakref.ref(a)
print("alive", r() is b, sys.getrefcount(b), weakref.getweakrefcount(b))
del a
print("after del a", r() is not None, r())
del b
print("after del b", r())
try:
    weakref.ref([1, 2, 3])
except TypeError as e:
    print("TypeError:", e)

import _weakref, gc
class Obj:
    pass
o = Obj()
r = _weakref.ref(o)
print(r() is o, r is _weakref.ref(o), _weakref.getweakrefcount(o))
log = []
r2 = _weakref.ref(o, lambda w: log.append("callback, referent gone: %s" % (w() is None)))
print(r2 is not r, _weakref.getweakrefcount(o), len(_weakref.getweakrefs(o)))
print(r == r2, hash(r) == hash(o))
del o
print(log)
print(r() is None, r2() is None, _weakref.ReferenceType.__name__)
try:
    _weakref.ref(1)
except TypeError as e:
    print(e)
try:
    _weakref.ref([])
except TypeError as e:
    print(e)
def f():
    pass
for x in (f, Obj, set(), frozenset(), print, f.__code__, gc):
    print(type(x).__name__, _weakref.ref(x)() is x)
p_obj = Obj()
p_obj.value = 42
p = _weakref.proxy(p_obj)
print(p.value, type(p).__name__)
p.value = 43
print(p_obj.value)
del p_obj
try:
    p.value
except ReferenceError as e:
    print("ReferenceError:", e)
class Sub(_weakref.ref):
    pass
o2 = Obj()
s = Sub(o2)
print(type(s).__name__, s() is o2, isinstance(s, _weakref.ref))
cycle = Obj(); cycle.me = cycle
wr = _weakref.ref(cycle, lambda w: print("cycle member freed"))
del cycle
gc.collect()
print(wr())
callable_obj = lambda: "called"
cp = _weakref.proxy(callable_obj)
print(cp(), type(cp).__name__)
o3 = Obj()
print(o3.__weakref__ is None)
w3 = _weakref.ref(o3)
print(o3.__weakref__ is w3)
class Slotted:
    __slots__ = ("a",)
try:
    _weakref.ref(Slotted())
except TypeError as e:
    print(e)

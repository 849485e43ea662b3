import gc
import weakref
class MyRef(weakref.ref):
    def __new__(cls, ob, callback=None, tag=None):
        return super().__new__(cls, ob, callback)
    def __init__(self, ob, callback=None, tag=None):
        super().__init__(ob, callback)
        self.tag = tag
    def __call__(self):
        o = super().__call__()
        return ("MyRef", self.tag, o is not None)
class T:
    pass
t = T()
r = MyRef(t, None, "first")
print(r(), r.tag, isinstance(r, weakref.ref), type(r).__name__)
r2 = MyRef(t, None, "second")
plain = weakref.ref(t)
print("subclass refs are not shared", r is not r2, plain is weakref.ref(t))
print("counted", weakref.getweakrefcount(t), len(weakref.getweakrefs(t)))
called = []
r3 = MyRef(t, lambda ref: called.append(ref.tag), "with callback")
del t
print(r(), r2(), called)
# a subclass instance in a cycle with its referent (the input that once crashed)
class Obj:
    pass
o = Obj()
mr = MyRef(o)
mr.o = o
o.ref = mr
del o, mr
print("collected", gc.collect() > 0)
o = Obj()
mr = MyRef(o, lambda r: print("callback of a ref in a cycle"))
mr.o = o
del o
print("still referenced through the ref", mr()[2])
del mr
gc.collect()
class Slotted(weakref.ref):
    __slots__ = ("extra",)
s_obj = Obj()
s = Slotted(s_obj)
s.extra = 5
print("slotted subclass", s.extra, s() is s_obj)
try:
    s.other = 1
except AttributeError as e:
    print("AttributeError:", e)
class KeyedRef(weakref.ref):
    __slots__ = ("key",)
    def __new__(cls, ob, callback, key):
        self = weakref.ref.__new__(cls, ob, callback)
        self.key = key
        return self
    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)
kr = KeyedRef(s_obj, None, "k")
print("keyed", kr.key, kr() is s_obj, weakref.KeyedRef.__name__)
# test_weakref's test_subclass_refs_with_cycle: a weakref subclass holding
# the only reference to its referent; deleting the ref must not call back
# (and must not crash).
called = []
def callback(w):
    called.append(1)
o = Obj()
r1 = MyRef(o, callback)
r1.o = o
del o
del r1
print("one ref", called)
o = Obj()
r1 = MyRef(o, callback)
r2 = MyRef(o, callback)
r1.r = r2
r2.o = o
del o
del r2
del r1
print("two refs", called)

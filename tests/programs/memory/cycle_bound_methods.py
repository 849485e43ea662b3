import gc
import weakref
gc.disable()
gc.collect()
class Obj:
    def method(self):
        return "m"
o = Obj()
o.f = o.method
r = weakref.ref(o)
del o
print("bound method stored on its instance", r() is not None, gc.collect(), r() is None)
class Handler:
    def __init__(self):
        self.callbacks = [self.on_event, self.on_other]
    def on_event(self):
        pass
    def on_other(self):
        pass
h = Handler()
r = weakref.ref(h)
del h
print("callbacks list", gc.collect(), r() is None)
class Registry:
    def __init__(self):
        self.handlers = {}
    def register(self, name, fn):
        self.handlers[name] = fn
reg = Registry()
reg.register("self", reg.register)
del reg
print("dict of bound methods", gc.collect())
import sys
class Pair:
    def get(self):
        return self
p = Pair()
m = p.get
print("bound method refcount", sys.getrefcount(p))
p.m = m
del m
del p
print("collect", gc.collect())

import gc
import weakref
gc.disable()
gc.collect()
refs = []
for i in range(100):
    class C:
        n = i
        def method(self):
            return self.n
    refs.append(weakref.ref(C))
    C().method()
del C
print("alive before collect", sum(r() is not None for r in refs) >= 99)
n = gc.collect()
print("collected at least 100 objects", n >= 100)
print("alive after collect", sum(r() is not None for r in refs))
refs = []
for i in range(50):
    K = type("K%d" % i, (object,), {"x": i})
    refs.append(weakref.ref(K))
del K
gc.collect()
print("type() classes left", sum(r() is not None for r in refs))
class Base:
    pass
for i in range(20):
    class Sub(Base):
        def m(self):
            return super().m
del Sub
gc.collect()
print("subclasses left", len(Base.__subclasses__()))
gc.enable()

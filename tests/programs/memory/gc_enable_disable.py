import gc
import weakref
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.collect()
class C:
    pass
refs = []
for i in range(5000):
    c = C()
    c.me = c
    refs.append(weakref.ref(c))
del c
print("disabled: nothing collected automatically", sum(r() is not None for r in refs))
gc.enable()
print(gc.isenabled())
for i in range(5000):
    junk = C()
    junk.me = junk
print("enabled: automatic collections freed them", sum(r() is not None for r in refs) < 5000)
gc.collect()
print("all gone", sum(r() is not None for r in refs))
gc.disable()
gc.disable()
print(gc.isenabled())
gc.enable()
gc.enable()
print(gc.isenabled())

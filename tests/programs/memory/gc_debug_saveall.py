import gc
gc.disable()
gc.collect()
print(gc.get_debug())
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.get_debug() == gc.DEBUG_SAVEALL)
class Node:
    def __init__(self, name):
        self.name = name
a, b = Node("a"), Node("b")
a.o, b.o = b, a
del a, b
n = gc.collect()
print("collected", n, "garbage", len(gc.garbage))
print(sorted(x.name for x in gc.garbage if isinstance(x, Node)))
print("still linked", all(x.o.o is x for x in gc.garbage if isinstance(x, Node)))
l = []; l.append(l)
del l
print("second collect", gc.collect(), len(gc.garbage))
gc.set_debug(0)
garbage = gc.garbage[:]
del gc.garbage[:]
del garbage
print("freed with DEBUG_SAVEALL off", gc.collect())
print(gc.garbage)
print(gc.DEBUG_LEAK == gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE | gc.DEBUG_SAVEALL)
try:
    gc.set_debug("x")
except TypeError as e:
    print("TypeError:", e)
class D:
    def __del__(self):
        print("__del__ of", self.name)
gc.set_debug(gc.DEBUG_SAVEALL)
d = D(); d.name = "saved"; d.me = d
del d
gc.collect()
print("finalized but saved", len(gc.garbage), gc.garbage[0].name)
gc.set_debug(0)
gc.garbage.clear()
gc.collect()
print("end")

import gc
gc.disable()
gc.collect()
print(sorted(n for n in dir(gc) if not n.startswith("_")))
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print(gc.get_debug())
print([sorted(s) for s in gc.get_stats()])
print(gc.is_tracked({}), gc.is_tracked({"a": 1}), gc.is_tracked({"a": []}), gc.is_tracked([]), gc.is_tracked(()))
print(gc.is_tracked((1, "a")), gc.is_tracked(("a", [])), gc.is_tracked(3), gc.is_tracked("x"), gc.is_tracked(set()))
t = (1, 2, (3, 4))
print(gc.is_tracked(t))
gc.collect()
print(gc.is_tracked(t))
class A:
    pass
a = A()
print(gc.is_tracked(a), gc.is_tracked(A))
lst = [1, "two", (3,)]
print(gc.get_referents(lst))
print(len(gc.get_referents(1, "s")))
holder = [lst]
print(holder in gc.get_referrers(lst))
phases = []
def cb(phase, info):
    phases.append((phase, sorted(info)))
gc.callbacks.append(cb)
gc.collect()
print(phases)
gc.callbacks.remove(cb)
gc.set_debug(gc.DEBUG_SAVEALL)
l = []; l.append(l); del l
print(gc.collect(), len(gc.garbage), type(gc.garbage[0]).__name__)
gc.set_debug(0)
gc.garbage.clear()
try:
    gc.collect(3)
except ValueError as e:
    print(e)
try:
    gc.get_objects(5)
except ValueError as e:
    print(e)
gc.set_threshold(5, 6, 7)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.get_freeze_count())
gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())
print(gc.isenabled())
gc.enable()
print(gc.isenabled())

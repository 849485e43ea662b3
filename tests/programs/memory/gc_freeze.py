import gc
gc.disable()
gc.collect()
print("freeze count at start", gc.get_freeze_count())
keep = [[] for i in range(10)]
gc.freeze()
n = gc.get_freeze_count()
print("frozen something", n > 10)
l = []; l.append(l)
del l
print("new cycles still collected", gc.collect())
print("frozen untouched", gc.get_freeze_count() == n)
frozen_cycle = []; frozen_cycle.append(frozen_cycle)
gc.freeze()
del frozen_cycle
print("a frozen cycle is not collected", gc.collect())
gc.unfreeze()
print("after unfreeze", gc.get_freeze_count())
print("now it is collected", gc.collect() >= 1)
print("get_objects does not list frozen objects in a generation")
gc.freeze()
probe = []
print(any(o is probe for o in gc.get_objects()))
gc.unfreeze()
gc.enable()

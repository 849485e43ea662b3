import gc
gc.disable()
gc.collect()
print(gc.get_count())
for gen in (0, 1, 2):
    l = []; l.append(l); del l
    print("collect", gen, gc.collect(gen), gc.get_count())
for bad in (-1, 3, 10):
    try:
        gc.collect(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    gc.collect("0")
except TypeError as e:
    print("TypeError:", e)
print(gc.collect(generation=2))
class C:
    pass
survivor = C()
survivor.me = survivor
gc.collect(0)
print("survivor moved on", any(o is survivor for o in gc.get_objects(1)), any(o is survivor for o in gc.get_objects(0)))
gc.collect(1)
print("to the oldest", any(o is survivor for o in gc.get_objects(2)))
young = C()
print("young in generation 0", any(o is young for o in gc.get_objects(0)))
print("get_objects() lists all", any(o is young for o in gc.get_objects()), any(o is survivor for o in gc.get_objects()))
for bad in (-1, 3):
    try:
        gc.get_objects(bad)
    except ValueError as e:
        print("ValueError:", e)
big = 10 ** 20
print("atoms not listed", not any(o is big for o in gc.get_objects()))
stats = gc.get_stats()
print(len(stats), [sorted(s) for s in stats][0])
before = gc.get_stats()[2]["collections"]
gc.collect()
print("full collections counted", gc.get_stats()[2]["collections"] - before)
c = C(); c.me = c; del c
before = gc.get_stats()[2]["collected"]
gc.collect()
print("collected counted", gc.get_stats()[2]["collected"] - before)
gc.enable()

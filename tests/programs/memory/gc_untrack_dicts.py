# Full collections stop tracking dicts that hold only atoms and untracked
# tuples (CPython's untrack_dicts); younger collections leave them alone,
# and storing a container tracks a dict again.
import gc


class Obj:
    pass


def state(label, d):
    print(label, gc.is_tracked(d))


d = {"a": 1, "b": []}
state("with a list", d)
d["b"] = None
state("list replaced, before a collection", d)
gc.collect(0)
state("after a generation-0 collection", d)
gc.collect(1)
state("after a generation-1 collection", d)
gc.collect()
state("after a full collection", d)
d["c"] = [1]
state("a list stored again", d)
del d["c"]
d["t"] = (1, (2, "x"))
gc.collect()
gc.collect()
state("atoms and nested tuples of atoms", d)
d["t2"] = (1, [])
gc.collect()
state("a tuple holding a list", d)
del d["t2"]
d["o"] = Obj()
gc.collect()
state("an instance", d)
del d["o"]
gc.collect()
state("instance removed", d)

# Keys that are not all str are checked too.
k = {(1, 2): 1, 3: "x"}
k[4] = {}
state("general keys, a dict value", k)
del k[4]
gc.collect()
state("general keys, atoms", k)
k[frozenset([1])] = 2
gc.collect()
state("a frozenset key", k)

# Subclasses stay tracked (only exact dicts are checked).
class D(dict):
    pass


s = D(a=1)
gc.collect()
state("dict subclass", s)

# An instance's __dict__ once materialized follows the same rules.
o = Obj()
o.x = 1
od = o.__dict__
od["y"] = []
state("materialized __dict__ with a list", od)
del od["y"]
gc.collect()
state("materialized __dict__ of atoms", od)

# A dict that holds the only reference to a cycle is still collected.
holder = {"k": 1}
gc.collect()
lst = [holder]
lst.append(lst)
holder["cycle"] = lst
state("holds a cycle", holder)
del lst
holder.clear()
print("collected", gc.collect() >= 1)
print("counts are ints", all(isinstance(c, int) for c in gc.get_count()))

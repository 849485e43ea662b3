import gc
gc.disable()
gc.collect()
def report(label):
    print(label, gc.collect())
l = []
l.append(l)
del l
report("list in itself")
d = {}
d["self"] = d
del d
report("dict in itself")
a = [1]
b = {"a": a}
a.append(b)
del a, b
report("list <-> dict")
s = []
t = (s,)
s.append(t)
del s, t
report("list <-> tuple")
l = [[[]]]
l[0][0].append(l)
del l
report("three nested lists")
d = {i: [] for i in range(3)}
for v in d.values():
    v.append(d)
del d, v
report("dict of lists pointing back")
class C:
    pass
c = C()
c.d = {"c": c}
del c
report("instance <-> dict value")
s = set()
f = frozenset([1, 2])
l = [f, s]
l.append(l)
del l, f, s
report("list with set and frozenset")
k = C()
d = {k: k}
k.d = d
del k, d
report("dict key and value")
report("nothing left")

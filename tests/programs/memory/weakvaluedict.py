import gc
import weakref
class V:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return "V(%d)" % self.n
d = weakref.WeakValueDictionary()
keep = [V(i) for i in range(5)]
for v in keep:
    d["k%d" % v.n] = v
print(len(d), sorted(d.keys()))
del v
del keep[1]
print("after del one", len(d), sorted(d))
keep.pop()
print("after pop", len(d), sorted(d))
print("get", d.get("k0"), d.get("k1"), d.get("k1", "default"))
print("in", "k0" in d, "k1" in d)
try:
    d["k1"]
except KeyError as e:
    print("KeyError:", e)
tmp = V(99)
d["tmp"] = tmp
print("setdefault", d.setdefault("tmp", V(100)), d.setdefault("new", keep[0]))
del tmp
print("items", sorted((k, v.n) for k, v in d.items()))
print("values", sorted(v.n for v in d.values()))
refs = d.valuerefs()
print("valuerefs", len(refs), all(isinstance(r, weakref.ref) for r in refs))
del refs
print("pop", d.pop("k0"), len(d))
print("popitem", d.popitem() is not None)
d.update({"u1": keep[0]}, u2=keep[1])
print("update", sorted(d))
c = d.copy()
print("copy", type(c).__name__, sorted(c))
keep.clear()
print("all gone", len(d), len(c), list(d.items()))
# values in a cycle go when the collector runs
gc.disable()
x = V(7); x.self = x
d["cyc"] = x
del x
print("before collect", "cyc" in d)
gc.collect()
print("after collect", "cyc" in d)
gc.enable()
# iteration while values die is safe
d2 = weakref.WeakValueDictionary({i: V(i) for i in range(3)})
print("temporaries vanish at once", len(d2))
vals = [V(i) for i in range(6)]
d3 = weakref.WeakValueDictionary(enumerate(vals))
n = 0
for k in d3:
    if n == 0:
        del vals[:3]
    n += 1
print("iterated", n, "left", len(d3))
print(repr(d3).startswith("<WeakValueDictionary at 0x"))

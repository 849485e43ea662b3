import gc
import weakref
class K:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return "K(%d)" % self.n
d = weakref.WeakKeyDictionary()
keys = [K(i) for i in range(4)]
for i, k in enumerate(keys):
    d[k] = "value %d" % i
del k
print(len(d), sorted(v for v in d.values()))
del keys[0]
print("after del", len(d), sorted(k.n for k in d))
print("lookup", d[keys[0]], keys[0] in d, K(50) in d)
print("get", d.get(K(1), "missing"))
print("pop", d.pop(keys[-1]), len(d))
print("setdefault", d.setdefault(keys[0], "other"))
print("keyrefs", len(d.keyrefs()))
print("items", sorted((k.n, v) for k, v in d.items()))
try:
    d[1] = 2
except TypeError as e:
    print("TypeError:", e)
keys.clear()
print("empty", len(d), list(d))
class H:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, o):
        return self.v == o.v
a = H(1)
d[a] = "a"
print("equal key lookup", d[H(1)])
d[H(1)] = "replaced through an equal temporary"
print(d[a], len(d))
gc.disable()
c = K(9); c.me = c
d[c] = "cycle"
del c
print("before collect", len(d))
gc.collect()
print("after collect", len(d))
gc.enable()
wk = weakref.WeakKeyDictionary({a: 1})
wk2 = wk.copy()
del a
print("copies", len(wk), len(wk2))

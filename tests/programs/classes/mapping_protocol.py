# Objects used as mappings: keys() + __getitem__ for dict(), **, update.
class Env:
    def __init__(self, **vals):
        self._vals = vals
    def keys(self):
        print("keys() called")
        return list(self._vals)
    def __getitem__(self, k):
        print("getitem", k)
        return self._vals[k]
e = Env(a=1, b=2)
print(dict(e))
def f(**kw): return kw
print(f(**e))
d = {"z": 0}
d.update(e)
print(d)
print({**e, "c": 3})
class ItemsOnly:
    def items(self): return [("x", 1)]
try:
    dict(ItemsOnly())
except TypeError as e:
    print("TypeError:", e)
print(dict([("p", 1), ("q", 2)]), dict((k, len(k)) for k in ["aa", "b"]))
try:
    dict([("a", 1, 2)])
except ValueError as e:
    print("ValueError:", e)
try:
    dict([1, 2])
except TypeError as e:
    print("TypeError:", e)
class Mapping:
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __len__(self): return len(self.d)
    def __iter__(self): return iter(self.d)
    def keys(self): return self.d.keys()
m = Mapping({"one": 1, "two": 2})
print(dict(m), sorted(m), len(m), "%(one)s and %(two)s" % m)
print("{one}-{two}".format_map(m))

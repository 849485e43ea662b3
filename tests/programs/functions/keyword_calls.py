# Keyword arguments at call sites.
def describe(name, age, city="Nowhere", *, title=""):
    return f"{title}{name} ({age}) from {city}"
print(describe("Ann", 30))
print(describe(age=40, name="Bob"))
print(describe("Cy", city="Oslo", age=22))
print(describe("Di", 50, "Rome", title="Dr. "))
opts = {"city": "Paris", "title": "Ms. "}
print(describe("Eve", 28, **opts))
base = {"name": "Fay", "age": 33}
print(describe(**base, city="Lima"))
def kw_dict_fresh(**kw):
    kw['added'] = True
    return kw
src = {'a': 1}
print(kw_dict_fresh(**src), src)
def show(**kw):
    return ", ".join(f"{k}={v!r}" for k, v in kw.items())
print(show(z=1, y=[2], x="3"))
print(show(**{'b': 2}, **{'a': 1}))
print(show(**dict(q=1), r=2))
def echo(*args, sep=" ", end=""):
    return sep.join(map(str, args)) + end
print(echo(1, 2, 3), echo(1, 2, sep="-", end="."), echo(end="!"))
class Mapping:
    def keys(self): return ['k1', 'k2']
    def __getitem__(self, key): return key.upper()
print(show(**Mapping()))

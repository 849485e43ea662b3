import sys
x = object()
base = sys.getrefcount(x)
it = iter([x])
print("list iterator holds the list", sys.getrefcount(x) - base)
next(it)
print("after next", sys.getrefcount(x) - base)
del it
def make_closure(v):
    def inner():
        return v
    return inner
c = make_closure(x)
print("cell", sys.getrefcount(x) - base)
del c
print("closure gone", sys.getrefcount(x) - base)
g = (y for y in [x])
print("generator over a list", sys.getrefcount(x) - base)
del g
e = enumerate([x, x])
print("enumerate", sys.getrefcount(x) - base)
del e
z = zip([x], [x])
print("zip", sys.getrefcount(x) - base)
del z
m = map(id, [x])
del m
print("map gone", sys.getrefcount(x) - base)
s = slice(x)
print("slice", sys.getrefcount(x) - base)
del s
class C:
    pass
C.attr = x
print("class attribute", sys.getrefcount(x) - base)
del C.attr
try:
    raise ValueError(x)
except ValueError as exc:
    print("exception args", sys.getrefcount(x) - base)
print("after except", sys.getrefcount(x) - base)
k = {x: 1}
print("dict key", sys.getrefcount(x) - base)
kk = list(k)
print("keys copied", sys.getrefcount(x) - base)
del k, kk
print("end", sys.getrefcount(x) - base)

import sys
x = object()
print("start", sys.getrefcount(x))
l = [x, x, x]
print("list of three", sys.getrefcount(x))
l.append(x)
print("append", sys.getrefcount(x))
l.pop()
print("pop", sys.getrefcount(x))
del l[0]
print("del item", sys.getrefcount(x))
l.clear()
print("clear", sys.getrefcount(x))
t = (x, x)
print("tuple", sys.getrefcount(x))
t2 = t + t
print("tuple concat", sys.getrefcount(x))
del t, t2
d = {x: x}
print("dict key and value", sys.getrefcount(x))
d["k"] = x
print("second value", sys.getrefcount(x))
d.pop(x)
print("popped key", sys.getrefcount(x))
del d
s = {x}
print("set", sys.getrefcount(x))
s.add(x)
print("set add again", sys.getrefcount(x))
fs = frozenset(s)
print("frozenset", sys.getrefcount(x))
del s, fs
l = [x] * 5
print("repeat", sys.getrefcount(x))
l2 = l[1:3]
print("slice", sys.getrefcount(x))
l3 = list(l)
print("copy", sys.getrefcount(x))
del l, l2, l3
nested = [[x], {"a": (x,)}]
print("nested", sys.getrefcount(x))
del nested
print("end", sys.getrefcount(x))

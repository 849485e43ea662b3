# __dict__ of instances and classes.
class P:
    cls_attr = 1
    def __init__(self):
        self.a = 1
        self.b = 2
p = P()
print(p.__dict__)
p.__dict__["c"] = 3
print(p.c, vars(p))
p.__dict__.clear()
print(vars(p), hasattr(p, "a"))
p.__dict__ = {"z": 26}
print(p.z)
try:
    p.__dict__ = [1]
except TypeError as e:
    print("TypeError:", e)
print(type(P.__dict__).__name__, "cls_attr" in P.__dict__, "__init__" in P.__dict__)
try:
    P.__dict__["new"] = 1
except TypeError as e:
    print("TypeError:", e)
print(sorted(k for k in P.__dict__ if not k.startswith("__")))
print(P.__dict__["cls_attr"], P.__dict__.get("missing", "dflt"))
class Ordered:
    z = 1
    a = 2
    m = 3
print([k for k in vars(Ordered) if not k.startswith("__")])
o = Ordered()
o.z2 = 1
o.a2 = 2
o.m2 = 3
print(list(vars(o)))
del o.a2
o.a2 = 'again'
print(list(vars(o)))
try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)
print("__dict__" in dir(o), "__weakref__" in P.__dict__)

# Instance attributes kept as inline values (CPython 3.11's managed dicts):
# the dict object is made when __dict__ is first asked for, and from then
# on the dict and the attributes are one: writes through either are seen
# by the other. Every path that can reach the attributes is exercised
# before and after the dict exists.
import copy
import gc
import pickle
import weakref

gc.disable()


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def m(self):
        return "P.m"


# Attributes, then the dict made from them (in insertion order).
p = P(1, 2)
p.z = 3
print(p.x, p.y, p.z, getattr(p, "x"), hasattr(p, "w"))
d = vars(p)
print(d, d is p.__dict__, d is vars(p))
# Writes through the dict are attributes, and the other way round.
d["w"] = 4
p.x = 10
print(p.w, d["x"], list(d), len(d))
p.__dict__.update(y=20, v=5)
print(p.y, p.v, d)
del p.z
print("z" in d, d)
del d["w"]
print(hasattr(p, "w"))

# Deleting before the dict exists.
q = P(1, 2)
del q.x
print(hasattr(q, "x"), q.__dict__)
try:
    del q.x
except AttributeError as e:
    print("AttributeError", e)
q.x = "back"
print(q.__dict__)

# Order of attributes: each instance keeps its own.
a = P(1, 2)
b = P(3, 4)
b.__init__(5, 6)
c = P.__new__(P)
c.y = "y first"
c.x = "x second"
print(list(vars(a)), list(vars(b)), list(vars(c)))

# __dict__ replaced, deleted, and names that are not exact strs.
r = P(1, 2)
r.__dict__ = {"x": "replaced"}
print(r.x, hasattr(r, "y"), r.__dict__)
del r.__dict__
print(r.__dict__, hasattr(r, "x"))


class S(str):
    pass


s = P(1, 2)
setattr(s, S("name"), "via str subclass")
print(s.name, sorted(vars(s)))
t = P(1, 2)
t.__dict__[5] = "int key"
print(t.x, sorted(vars(t), key=str))

# More names than the shared keys hold.
many = P(0, 0)
for i in range(40):
    setattr(many, "a%d" % i, i)
print(many.a39, len(vars(many)), many.x)
other = P(7, 8)
for i in range(40):
    setattr(other, "a%d" % i, -i)
print(other.a0, other.a39, sum(getattr(other, "a%d" % i) for i in range(40)))

# copy and pickle see the attributes.
u = P([1], {"k": 2})
u.extra = "e"
cu = copy.copy(u)
dc = copy.deepcopy(u)
pk = pickle.loads(pickle.dumps(u))
print(vars(cu), vars(dc), vars(pk), cu.x is u.x, dc.x is u.x)

# __class__ assignment keeps the attributes.
class Q:
    def m(self):
        return "Q.m"


w = P("wx", "wy")
w.__class__ = Q
print(type(w).__name__, w.x, w.y, w.m(), vars(w))

# The collector sees references held in inline values.
class Node:
    def __init__(self):
        self.other = None


gc.collect()
n1, n2 = Node(), Node()
n1.other, n2.other = n2, n1
print(gc.get_referents(n1) == [n2, Node], gc.is_tracked(n1))
wr = weakref.ref(n1)
del n1, n2
print(gc.collect(), wr())


class Fin:
    def __init__(self, name):
        self.name = name
        self.me = self

    def __del__(self):
        print("__del__", self.name, sorted(vars(self)))


f = Fin("cycle")
del f
print("collected", gc.collect())

# A weakref callback and __del__ see the attributes until the end.
class Plain:
    def __init__(self, v):
        self.v = v

    def __del__(self):
        print("Plain.__del__", self.v)


pl = Plain("value")
pr = weakref.ref(pl, lambda ref: print("callback", ref() is None))
del pl
print("after del")

# dir() and __getstate__ / __reduce_ex__ before the dict exists.
g = P(1, 2)
print([n for n in dir(g) if not n.startswith("__")], g.__getstate__())
h = P(3, 4)
print(h.__reduce_ex__(2)[2])

# Instance __dict__s of one class share keys (PEP 412 split dicts): order,
# deletes, diverging attribute orders, many keys, views while attributes
# change, vars(), __dict__ assignment and __class__ assignment.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


a = P(1, 2)
b = P(3, 4)
b.z = 5
print(vars(a), vars(b))
c = P(6, 7)
print(c.__dict__, list(c.__dict__), len(c.__dict__))

# A different order in one instance does not change the others.
class Q:
    pass


q1 = Q()
q1.a, q1.b, q1.c = 1, 2, 3
q2 = Q()
q2.c = 30
q2.a = 10
q2.b = 20
q3 = Q()
q3.b = 200
print(q1.__dict__, q2.__dict__, q3.__dict__)
print(list(q2.__dict__.items()), list(reversed(q2.__dict__)))
print(q1.a + q2.a + q3.b, getattr(q3, "a", "missing"))

# Deleting keeps the order of the rest; re-adding goes to the end.
del q1.a
print(q1.__dict__)
q1.a = 100
print(q1.__dict__, q1.a)
q1.__dict__.pop("b")
print(q1.__dict__, hasattr(q1, "b"))

# More attributes than a shared keys table holds.
class Many:
    def __init__(self, n, rev=False):
        names = ["a%d" % i for i in range(n)]
        if rev:
            names.reverse()
        for i, name in enumerate(names):
            setattr(self, name, i)


m1 = Many(40)
m2 = Many(40, rev=True)
m3 = Many(5)
print(list(m1.__dict__)[:3], list(m1.__dict__)[-3:], len(m1.__dict__))
print(list(m2.__dict__)[:3], list(m2.__dict__)[-3:], m2.a0, m2.a39)
print(m3.__dict__)

# Views and iterators follow the dict while attributes change.
v = P(1, 2)
keys = v.__dict__.keys()
items = v.__dict__.items()
v.w = 3
print(list(keys), list(items), "w" in keys, ("w", 3) in items)
try:
    for k in v.__dict__:
        setattr(v, "new_" + k, 1)
except RuntimeError as e:
    print("RuntimeError", e)
print(sorted(v.__dict__))
it = iter(P(5, 6).__dict__.values())
print(next(it), next(it), next(it, "end"))

# Writes through __dict__ and setattr agree.
d = vars(a)
d["x"] = "via dict"
a.y = "via attr"
d["extra"] = 9
print(a.x, a.y, a.extra, d)
d[1] = "int key"
print(d, a.x)
a.x = "after int key"
print(a.__dict__)

# __dict__ assignment and deletion.
e = P(1, 2)
e.__dict__ = {"k": 1, "x": 2}
print(e.k, e.x, vars(e))
e.__dict__ = b.__dict__
e.x = "shared"
print(b.x, vars(b) is vars(e))
del e.__dict__
print(vars(e))
e.y = 5
print(vars(e), e.y)

# __class__ assignment between classes with a dict.
class R:
    def __init__(self):
        self.y = "ry"
        self.x = "rx"

    def who(self):
        return "R", self.x


class S:
    def who(self):
        return "S", self.x


r = R()
r.__class__ = S
print(r.who(), vars(r))
s_inst = S()
s_inst.x = 1
r.z = 3
print(vars(r), vars(s_inst))
r.__class__ = P
print(r.x, r.y, vars(r))

# copy, ==, repr, dict() of instance dicts.
import copy
c1 = P([1], {"a": 1})
c2 = copy.copy(c1)
c3 = copy.deepcopy(c1)
print(vars(c2) == vars(c1), vars(c3), vars(c2) is vars(c1))
print(dict(vars(c1)), {**vars(c1), "z": 0}, repr(vars(c1)))
print(vars(c1).copy(), vars(c1) | {"q": 1})
vars(c1).clear()
print(vars(c1), hasattr(c1, "x"))
c1.x = 1
print(vars(c1))
vars(c1).update(y=2, x=3)
print(vars(c1), vars(c1).setdefault("z", 4), vars(c1).popitem(), vars(c1))

# Keys that are not exact strs but equal an attribute name.
class K:
    def __hash__(self):
        return hash("x")

    def __eq__(self, other):
        return other == "x"


class SS(str):
    pass


k1 = P(1, 2)
print(vars(k1)[K()], K() in vars(k1))
vars(k1)[K()] = 5
print(vars(k1), k1.x)
k2 = P(1, 2)
vars(k2)[SS("y")] = "ss"
print(vars(k2), k2.y, type(list(vars(k2))[1]).__name__)
setattr(k2, SS("z"), 3)
print(vars(k2), k2.z)

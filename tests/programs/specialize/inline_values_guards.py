# LOAD_ATTR_INSTANCE_VALUE, STORE_ATTR_INSTANCE_VALUE and
# LOAD_METHOD_WITH_VALUES on instances that keep their attributes inline,
# warmed, shown with dis (adaptive=True), then every guard broken: another
# attribute order, __dict__ asked for or replaced, an attribute deleted, a
# class attribute shadowing the method added later, __getattr__ and
# __getattribute__ added to the class. Then LOAD_ATTR_WITH_HINT and
# STORE_ATTR_WITH_HINT once every instance has its dict.
import dis


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def m(self):
        return "P.m"


def get_x(o):
    return o.x


def set_y(o, v):
    o.y = v


def call_m(o):
    return o.m()


def attr_ops(f):
    names = [i.opname for i in dis.get_instructions(f, adaptive=True)]
    return [n for n in names if "ATTR" in n or "METHOD" in n]


def warm(objs, n=200):
    for i in range(n):
        for o in objs:
            get_x(o)
            set_y(o, i)
            call_m(o)


objs = [P(i, i) for i in range(4)]
warm(objs)
print(attr_ops(get_x), attr_ops(set_y), attr_ops(call_m))
print([(get_x(o), o.y, call_m(o)) for o in objs])

# Another attribute order: y before x (same shared keys, other order).
r = P.__new__(P)
r.y = "ry"
r.x = "rx"
print(get_x(r), call_m(r), list(vars(r)))
set_y(r, "ry2")
print(r.y)

# __dict__ asked for: the values move into a dict; the sites still work.
o0 = objs[0]
d = o0.__dict__
d["x"] = "through dict"
print(get_x(o0))
set_y(o0, "set after dict")
print(d["y"], call_m(o0))

# __dict__ replaced.
o1 = objs[1]
o1.__dict__ = {"x": "new dict x", "m": lambda: "instance m"}
print(get_x(o1), call_m(o1))
set_y(o1, "y in new dict")
print(o1.__dict__["y"])

# An attribute deleted.
o2 = objs[2]
del o2.x
try:
    get_x(o2)
except AttributeError as e:
    print("AttributeError", e)
o2.x = "x again"
print(get_x(o2), list(vars(o2)))

# A method shadowed by an instance attribute on an inline instance.
o3 = objs[3]
o3.m = lambda: "shadowed m"
print(call_m(o3), call_m(P(0, 0)))
del o3.m
print(call_m(o3))

# A class attribute added later: a data descriptor wins over the values,
# a plain class attribute does not.
P.x = "class x"
print(get_x(P(5, 6)))
P.x = property(lambda self: "property x", lambda self, v: None)
print(get_x(P(5, 6)), get_x(o3))
del P.x
print(get_x(P(5, 6)))
P.m = lambda self: "P.m v2"
print(call_m(P(1, 1)))

# __getattr__ and __getattribute__ added to the class.
P.__getattr__ = lambda self, n: "getattr " + n
print(get_x(P.__new__(P)), get_x(P(7, 8)))
del P.__getattr__
P.__getattribute__ = lambda self, n: "getattribute " + n
print(get_x(P(7, 8)))
del P.__getattribute__
print(get_x(P(9, 10)))

# Warmed again with dicts everywhere: the hint forms.
fresh = [P(i, -i) for i in range(4)]
for o in fresh:
    o.__dict__
warm(fresh, 400)
print(attr_ops(get_x), attr_ops(set_y), attr_ops(call_m))
print([(get_x(o), o.y, call_m(o)) for o in fresh])

# LOAD_ATTR_WITH_HINT / STORE_ATTR_WITH_HINT / LOAD_METHOD_WITH_DICT: the
# instance's `__dict__` has been materialized (seen by Python code) or has
# outgrown its class's shared keys. Warmed, then every guard broken: the
# key deleted, the dict replaced, keys reordered, a data descriptor or
# `__getattribute__` added to the class, the method shadowed in the dict.


class P:
    def __init__(self, x):
        self.x = x
        self.y = 2

    def m(self):
        return "P.m"


def materialized(x):
    p = P(x)
    p.__dict__["z"] = 3
    return p


def big(x):
    p = P(x)
    for i in range(40):
        setattr(p, "a%d" % i, i)
    return p


def get_x(o):
    return o.x


def set_y(o, v):
    o.y = v


def call_m(o):
    return o.m()


objs = [materialized(1), big(2), P(3), materialized(4)]
for i in range(40):
    for o in objs:
        get_x(o)
        set_y(o, i)
        call_m(o)
print([(get_x(o), o.y, call_m(o)) for o in objs])

o = objs[0]
del o.x
try:
    get_x(o)
except AttributeError as e:
    print("AttributeError", e)
o.x = "again"
print(get_x(o))
# A new dict object.
o.__dict__ = {"y": "fresh", "x": "new x"}
print(get_x(o), o.y)
set_y(o, "set")
print(o.__dict__)
# Keys reordered.
d = dict(reversed(list(o.__dict__.items())))
o.__dict__ = d
print(get_x(o))
set_y(o, 99)
print(list(o.__dict__.items()))
# The method shadowed by an instance attribute, then removed.
o.m = lambda: "instance m"
print(call_m(o))
del o.m
print(call_m(o))
# A data descriptor on the class takes precedence over the dict.
P.x = property(lambda self: "property x", lambda self, v: print("setter", v))
print(get_x(o), get_x(objs[1]))
P.y = property(lambda self: "property y", lambda self, v: print("set y", v))
set_y(o, 5)
del P.x
del P.y
print(get_x(o), o.y)
# __getattribute__ / __setattr__ on the class.
P.__getattribute__ = lambda self, n: "ga:" + n
print(get_x(o), call_m.__name__)
del P.__getattribute__
P.__setattr__ = lambda self, n, v: print("setattr", n, v)
set_y(o, 6)
del P.__setattr__
set_y(o, 7)
print(get_x(o), o.y, call_m(o))
# A method reassigned on the class.
P.m = lambda self: "P.m v2"
print([call_m(x) for x in objs])
# A dict subclass as __dict__ is not allowed to misbehave either.
class D(dict):
    pass
q = P(1)
q.__dict__ = D(x="dsub", y=1)
print(get_x(q))
set_y(q, 2)
print(q.__dict__, type(q.__dict__).__name__)

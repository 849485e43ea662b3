# LOAD_ATTR / STORE_ATTR / LOAD_METHOD specialized for instance attributes,
# __slots__, modules and methods, then every guard broken: class attributes
# added and reassigned, properties and __getattribute__/__getattr__/
# __setattr__ added later, __class__ changed, attributes deleted, instance
# dicts shadowing methods, modules patched.
import sys


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x * self.x + self.y * self.y


class Other:
    def __init__(self):
        self.x = "other x"
        self.y = "other y"

    def norm(self):
        return "Other.norm"


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x + self.y


def get_x(o):
    return o.x


def set_y(o, v):
    o.y = v


def call_norm(o):
    return o.norm()


def warm(f, *args):
    r = None
    for _ in range(100):
        r = f(*args)
    return r


p = Point(3, 4)
print(warm(get_x, p), warm(call_norm, p))
warm(set_y, p, 5)
print(p.y, call_norm(p))
print(get_x(Other()), call_norm(Other()))
q = Point(1, 2)
q.__class__ = Other
print(get_x(q), call_norm(q))
del p.x
try:
    get_x(p)
except AttributeError as e:
    print("AttributeError:", e)
p.x = 30
print(get_x(p))
p.norm = lambda: "instance norm"
print(call_norm(p))
del p.norm
print(call_norm(p))
Point.norm = lambda self: "patched norm"
print(call_norm(p))
Point.x = property(lambda self: "property x")
print(get_x(p))
del Point.x
print(get_x(p))
Point.__getattribute__ = lambda self, name: "getattribute " + name
print(get_x(p))
del Point.__getattribute__
print(get_x(p))
Point.__setattr__ = lambda self, name, v: print("setattr", name, v)
set_y(p, 6)
del Point.__setattr__
set_y(p, 7)
print(p.y)


class WithGetattr(Point):
    def __getattr__(self, name):
        return "getattr " + name


w = WithGetattr(1, 1)
del w.x
print(get_x(w))

s = Slotted(1, 2)
print(warm(get_x, s), warm(call_norm, s))
warm(set_y, s, 10)
print(s.y)
del s.x
try:
    get_x(s)
except AttributeError as e:
    print("AttributeError:", e)
try:
    call_norm(s)
except AttributeError as e:
    print("AttributeError:", e)
s.x = 5
print(get_x(s), call_norm(s))
Slotted.norm = lambda self: "Slotted patched"
print(call_norm(s))

m = type(sys)("m")
m.x = "module x"
m.norm = lambda: "module norm"
print(warm(get_x, m), warm(call_norm, m))
m.x = "rebound"
print(get_x(m))
del m.x
try:
    get_x(m)
except AttributeError as e:
    print("AttributeError:", e)
m.__getattr__ = lambda name: "module getattr " + name
print(get_x(m))
m.norm = lambda: "new norm"
print(call_norm(m))
print(get_x(Point(8, 9)), call_norm([1]) if False else call_norm(Point(0, 1)))


class Base:
    def norm(self):
        return "Base.norm"


class Derived(Base):
    pass


dv = Derived()
print(warm(call_norm, dv))
Base.norm = lambda self: "Base.norm patched"
print(call_norm(dv))
Derived.norm = lambda self: "Derived.norm"
print(call_norm(dv))
print(call_norm("abc".__class__("x")) if False else call_norm(Base()))
print(warm(call_norm, [3, 1, 2]) if False else [].__class__.__name__)


class Counter:
    def __init__(self):
        self.n = 0

    def bump(self):
        self.n = self.n + 1
        return self.n


c = Counter()
for _ in range(300):
    c.bump()
print(c.n)
c.__dict__.clear()
try:
    c.bump()
except AttributeError as e:
    print("AttributeError:", e)
c.__dict__["n"] = 41
print(c.bump())

# __new__ and __init__ interplay.
class Tracer:
    def __new__(cls, *args, **kwargs):
        print("__new__", cls.__name__, args, kwargs)
        inst = super().__new__(cls)
        inst.created = True
        return inst
    def __init__(self, x, y=0):
        print("__init__", x, y)
        self.x = x
t = Tracer(1, y=2)
print(t.created, t.x)
class Other:
    pass
class ReturnsOther:
    def __new__(cls):
        return Other()
    def __init__(self):
        print("never called")
r = ReturnsOther()
print(type(r).__name__)
class ReturnsInt:
    def __new__(cls, v):
        return v * 2
print(ReturnsInt(21))
class UpperStr(str):
    def __new__(cls, value):
        return super().__new__(cls, value.upper())
u = UpperStr("hello")
print(u, type(u).__name__, isinstance(u, str), u + "!", len(u))
class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self): return self[0]
    @property
    def y(self): return self[1]
pt = Point(3, 4)
print(pt, pt.x, pt.y, pt == (3, 4), type(pt).__name__)
class Cached:
    _cache = {}
    def __new__(cls, key):
        if key not in cls._cache:
            inst = super().__new__(cls)
            inst.key = key
            cls._cache[key] = inst
        return cls._cache[key]
    def __init__(self, key):
        print("init again for", key)
print(Cached("a") is Cached("a"), Cached("a") is Cached("b"))
try:
    object.__new__(int)
except TypeError as e:
    print("TypeError:", e)
class NoArgs:
    pass
try:
    NoArgs(1)
except TypeError as e:
    print("TypeError:", e)
class InitOnly:
    def __init__(self, a): self.a = a
print(InitOnly(1).a)
class NewOnly:
    def __new__(cls, a):
        o = super().__new__(cls)
        o.a = a
        return o
print(NewOnly(2).a)
try:
    object.__init__(InitOnly(1), 5)
except TypeError as e:
    print("TypeError:", e)

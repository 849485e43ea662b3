# type() with one and three arguments.
print(type(1), type("s"), type([]), type(None), type(type), type(len), type(lambda: 0).__name__, type(x for x in []).__name__)
print(type(1) is int, type(True) is bool, type(True) is int, type(1.0)(2), type("")(5), type([])("ab"))
Point = type("Point", (), {"x": 0, "y": 0, "norm": lambda self: (self.x ** 2 + self.y ** 2) ** 0.5})
p = Point()
p.x, p.y = 3, 4
print(Point.__name__, Point.__qualname__, Point.__module__, Point.__bases__, p.norm(), type(p) is Point)
Base = type("Base", (object,), {"greet": lambda self: "hi from " + type(self).__name__})
Derived = type("Derived", (Base,), {"__doc__": "made dynamically", "extra": 1})
d = Derived()
print(d.greet(), Derived.__doc__, Derived.__mro__, isinstance(d, Base), Derived.extra)
def init(self, v):
    self.v = v
Holder = type("Holder", (), {"__init__": init, "__repr__": lambda self: f"Holder({self.v!r})"})
print(Holder(5), [Holder("a")])
IntSub = type("IntSub", (int,), {"double": lambda self: self * 2})
print(IntSub(21).double(), IntSub("7"), type(IntSub(1) + 1).__name__)
for bad in [lambda: type(), lambda: type("A", (), {}, 1), lambda: type("A", 5, {}), lambda: type("A", (), 5),
            lambda: type(5, (), {}), lambda: type("A", (5,), {}), lambda: type("A", (bool,), {})]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
Empty = type("Empty", (), {})
print(Empty.__name__, Empty.__dict__.get("__module__"), type(Empty).__name__, Empty().__class__.__name__)
print(type("Weird name!", (), {}).__name__, type("S", (), {"__slots__": ("a",)})().__class__.__slots__)

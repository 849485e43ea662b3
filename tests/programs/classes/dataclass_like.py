# A hand-written dataclass-style class decorator.
def record(cls):
    fields = list(cls.__annotations__)
    defaults = {f: cls.__dict__[f] for f in fields if f in cls.__dict__}
    def __init__(self, *args, **kwargs):
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__} takes {len(fields)} arguments")
        values = dict(zip(fields, args))
        for k, v in kwargs.items():
            if k not in fields:
                raise TypeError(f"unexpected field {k!r}")
            if k in values:
                raise TypeError(f"duplicate field {k!r}")
            values[k] = v
        for f in fields:
            if f not in values:
                if f in defaults:
                    values[f] = defaults[f]
                else:
                    raise TypeError(f"missing field {f!r}")
            setattr(self, f, values[f])
    def __repr__(self):
        return f"{cls.__name__}(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in fields) + ")"
    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in fields)
    def __lt__(self, other):
        return tuple(getattr(self, f) for f in fields) < tuple(getattr(other, f) for f in fields)
    def __hash__(self):
        return hash(tuple(getattr(self, f) for f in fields))
    for name, fn in [("__init__", __init__), ("__repr__", __repr__), ("__eq__", __eq__), ("__lt__", __lt__), ("__hash__", __hash__)]:
        fn.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, fn)
    cls.__fields__ = tuple(fields)
    return cls
@record
class Point:
    x: int
    y: int = 0
@record
class Item:
    name: str
    price: float
    qty: int = 1
p = Point(1, 2)
print(p, Point(5), Point(y=3, x=4), Point.__fields__)
print(p == Point(1, 2), p == Point(2, 1), p != Point(1, 2), p == (1, 2))
print(sorted([Point(3, 1), Point(1, 5), Point(1, 2)]))
print(len({Point(1, 2), Point(1, 2), Point(0, 0)}))
items = [Item("pen", 1.5, 10), Item("book", 12.0), Item(name="cup", price=4.25, qty=2)]
for it in items:
    print(it, it.price * it.qty)
for bad in [lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, x=2), lambda: Point(1, z=2)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
print(Point.__init__.__qualname__)

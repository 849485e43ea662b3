# A namedtuple-like class built by hand on top of tuple.
def record(name, fields):
    fields = tuple(fields.split())
    def __new__(cls, *args, **kwargs):
        if len(args) > len(fields):
            raise TypeError(f"{name} takes {len(fields)} positional arguments but {len(args)} were given")
        values = list(args) + [kwargs.pop(f) for f in fields[len(args):] if f in kwargs]
        if kwargs:
            raise TypeError(f"{name} got unexpected fields {sorted(kwargs)}")
        if len(values) != len(fields):
            raise TypeError(f"{name} missing fields")
        return tuple.__new__(cls, values)
    def __repr__(self):
        return name + "(" + ", ".join(f"{f}={v!r}" for f, v in zip(fields, self)) + ")"
    def _asdict(self):
        return dict(zip(fields, self))
    def _replace(self, **changes):
        return type(self)(*[changes.get(f, v) for f, v in zip(fields, self)])
    ns = {"__new__": __new__, "__repr__": __repr__, "_asdict": _asdict, "_replace": _replace, "_fields": fields, "__slots__": ()}
    for i, f in enumerate(fields):
        ns[f] = property(lambda self, i=i: self[i])
    return type(name, (tuple,), ns)
Point = record("Point", "x y")
p = Point(1, 2)
q = Point(x=3, y=4)
r = Point(5, y=6)
print(p, q, r, p.x, q.y, p[0], len(p), p == (1, 2), isinstance(p, tuple), Point._fields)
print(p._asdict(), p._replace(y=20), p + q, type(p + q).__name__, sorted([q, p, r]), hash(p) == hash((1, 2)))
x, y = q
print(x, y, max(p), list(r))
for bad in [lambda: Point(1, 2, 3), lambda: Point(1), lambda: Point(1, 2, z=3)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
try:
    p.x = 10
except AttributeError as e:
    print("AttributeError:", e)
try:
    p.z = 10
except AttributeError as e:
    print("AttributeError:", e)

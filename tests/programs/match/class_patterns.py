# Class patterns: positional via __match_args__, keyword, builtins' self-matching.
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
class Point3(Point):
    __match_args__ = ("x", "y", "z")
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z
def where(p):
    match p:
        case Point3(0, 0, 0):
            return "3d origin"
        case Point3(x, y, z=zz) if zz > 0:
            return f"3d above ({x},{y},{zz})"
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=yy):
            return f"on y axis at {yy}"
        case Point(xx, 0):
            return f"on x axis at {xx}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "somewhere"
        case _:
            return "not a point"
for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2), Point3(0, 0, 0), Point3(1, 2, 3), Point3(1, 2, -3), "pt"]:
    print(where(p))
def builtin(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(i):
            return f"int {i}"
        case float(f):
            return f"float {f}"
        case str(s) if s:
            return f"str {s}"
        case str():
            return "empty str"
        case bytes(bs):
            return f"bytes {bs!r}"
        case list([first, *_]):
            return f"list starting {first}"
        case tuple((a, b)):
            return f"pair {a},{b}"
        case dict({"k": kv}):
            return f"dict with k={kv}"
        case set() | frozenset():
            return "some set"
        case _:
            return "other"
for v in [True, 7, 2.5, "hi", "", b"x", [9, 8], (1, 2), {"k": 3}, {1}, frozenset(), None]:
    print(repr(v), "->", builtin(v))
class NoArgs:
    pass
try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print("TypeError:", e)
class TooFew:
    __match_args__ = ("a",)
    a = 1
try:
    match TooFew():
        case TooFew(1, 2):
            pass
except TypeError as e:
    print("TypeError:", e)
class Dup:
    __match_args__ = ("a",)
    a = 5
try:
    match Dup():
        case Dup(x, a=y):
            pass
except TypeError as e:
    print("TypeError:", e)
class Missing:
    __match_args__ = ("nope",)
match Missing():
    case Missing(v):
        print("never")
    case _:
        print("missing attribute means no match")
try:
    match 5:
        case int(1, 2):
            pass
except TypeError as e:
    print("TypeError:", e)
not_a_class = "str"
try:
    match 5:
        case not_a_class():
            pass
except TypeError as e:
    print("TypeError:", e)

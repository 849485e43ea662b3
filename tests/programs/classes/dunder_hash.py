# __hash__ and __eq__ interplay; unhashable types.
class Point:
    def __init__(self, x, y): self.x, self.y = x, y
    def __eq__(self, o): return isinstance(o, Point) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
    def __repr__(self): return f"P({self.x},{self.y})"
s = {Point(1, 2), Point(1, 2), Point(2, 1)}
print(len(s), Point(1, 2) in s, sorted(s, key=lambda p: (p.x, p.y)))
d = {Point(0, 0): "origin"}
print(d[Point(0, 0)])
class EqOnly:
    def __eq__(self, o): return True
print(EqOnly.__hash__)
try:
    hash(EqOnly())
except TypeError as e:
    print("TypeError:", e)
try:
    {EqOnly()}
except TypeError as e:
    print("TypeError:", e)
class Default: pass
a = Default()
print(hash(a) == hash(a), {a: 1}[a])
class InheritsHash(Point):
    pass
print(hash(InheritsHash(1, 2)) == hash(Point(1, 2)))
class EqInSub(Point):
    def __eq__(self, o): return False
print(EqInSub.__hash__)
class Explicit(Point):
    def __eq__(self, o): return False
    __hash__ = Point.__hash__
print(hash(Explicit(3, 4)) == hash((3, 4)))
class BadHash:
    def __hash__(self): return "not an int"
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError:", e)
class BigHash:
    def __hash__(self): return 2 ** 100
print(hash(BigHash()) == hash(2 ** 100))
class NegOne:
    def __hash__(self): return -1
print(hash(NegOne()))
for bad in ([1], {1: 2}, {1}, bytearray(b'x')):
    try:
        hash(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    hash(([1], 2))
except TypeError as e:
    print("TypeError:", e)
class Mutable:
    def __init__(self): self.v = 0
    def __hash__(self): return self.v
    def __eq__(self, o): return self is o
m = Mutable()
st = {m}
m.v = 12345
print(m in st, m in list(st))

# Rich comparison dunders, reflection, and defaults.
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
    def __repr__(self): return "Version(%r)" % ".".join(map(str, self.parts))
    def __eq__(self, o):
        if not isinstance(o, Version): return NotImplemented
        return self.parts == o.parts
    def __lt__(self, o):
        if not isinstance(o, Version): return NotImplemented
        return self.parts < o.parts
    def __le__(self, o): return self == o or self < o
    def __gt__(self, o):
        if not isinstance(o, Version): return NotImplemented
        return o < self
    def __ge__(self, o): return not self < o
    __hash__ = None
vs = [Version("1.10"), Version("1.2"), Version("1.2.1"), Version("0.9")]
print(sorted(vs))
print(max(vs), min(vs))
print(Version("1.0") == Version("1.0"), Version("1.0") != Version("1.0"), Version("1.0") < Version("1.0.1"))
print(Version("2") >= Version("1.9"), Version("2") <= Version("2"), Version("3") > Version("10"))
print(Version("1") == "1", Version("1") != "1")
try:
    Version("1") < "1"
except TypeError as e:
    print("TypeError:", e)
class Trace:
    def __init__(self, n): self.n = n
    def __eq__(self, o):
        print(f"eq {self.n} {getattr(o, 'n', o)}")
        return NotImplemented
    def __lt__(self, o):
        print(f"lt {self.n} {getattr(o, 'n', o)}")
        return NotImplemented
    def __gt__(self, o):
        print(f"gt {self.n} {getattr(o, 'n', o)}")
        return NotImplemented
a, b = Trace(1), Trace(2)
print(a == b)
print(a != b)
print(a == a)
try:
    a < b
except TypeError as e:
    print("TypeError:", e)
class Plain: pass
p, q = Plain(), Plain()
print(p == p, p == q, p != q, p is not q)
try:
    p < q
except TypeError as e:
    print("TypeError:", e)
class OnlyEq:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
print(OnlyEq(1) != OnlyEq(1), OnlyEq(1) != OnlyEq(2))
class WeirdEq:
    def __eq__(self, o): return "truthy string"
print(WeirdEq() == 1, [WeirdEq()] == [1], WeirdEq() in [1])

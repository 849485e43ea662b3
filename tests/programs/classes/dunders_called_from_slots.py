# Python methods that slots and type calls run with `self` passed apart:
# __init__ (positional, defaults, *args, keywords), rich comparisons,
# dunders found on the type, property setters; their errors and results.
class P:
    def __init__(self, a, b=2, *rest, key=None):
        self.v = (a, b, rest, key)

print(P(1).v, P(1, 3).v, P(1, 3, 4, 5).v, P(1, key="k").v)
try:
    P()
except TypeError as e:
    print("TypeError", e)

class BadInit:
    def __init__(self):
        return 5

try:
    BadInit()
except TypeError as e:
    print("TypeError", e)

class V:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __eq__(self, other):
        return isinstance(other, V) and self.v == other.v
    def __gt__(self, other, extra=0):
        return self.v > other.v + extra
    def __getitem__(self, i):
        return self.v * i
    def __len__(self):
        return self.v
    def __hash__(self):
        return hash(self.v)
    def __repr__(self):
        return "V(%r)" % self.v

a, b = V(1), V(2)
print(a < b, b < a, a == V(1), a != b, b > a, a > b)
print(sorted([V(3), V(1), V(2)]))
print(a[5], len(b), hash(a) == hash(1))

class NoArgs:
    def __lt__(self):
        return True

try:
    NoArgs() < NoArgs()
except TypeError as e:
    print("TypeError", e)

class Temp:
    def __init__(self):
        self._c = 0
    @property
    def c(self):
        return self._c
    @c.setter
    def c(self, value):
        if value < -273:
            raise ValueError("too cold")
        self._c = value
    @c.deleter
    def c(self):
        self._c = None

t = Temp()
t.c = 20
print(t.c)
try:
    t.c = -300
except ValueError as e:
    print("ValueError", e)
del t.c
print(t.c)

class Setter2:
    def set(self, value, unit="C"):
        self.value = (value, unit)
    p = property(None, set)

s = Setter2()
s.p = 5
print(s.value)

class Deep:
    def __init__(self, n):
        self.n = n
    def __lt__(self, other):
        return Deep(self.n - 1) < other if self.n else True

try:
    Deep(100000) < Deep(0)
except RecursionError:
    print("RecursionError")
print(Deep(50) < Deep(0))

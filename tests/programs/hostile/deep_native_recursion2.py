import sys
def gen(g):
    for x in g:
        yield x
g = iter([1])
for _ in range(20000):
    g = gen(g)
try:
    print(next(g))
except RecursionError as e:
    print("RecursionError", e)
g = iter([1])
for _ in range(20000):
    g = (x for x in g)
try:
    print(next(g))
except RecursionError as e:
    print("RecursionError", e)
t = int
for _ in range(100000):
    t = (t,)
try:
    print(isinstance(1, t))
except RecursionError as e:
    print("RecursionError", e)
try:
    print(issubclass(int, t))
except RecursionError as e:
    print("RecursionError", e)
e = None
for i in range(100000):
    try:
        raise ValueError(i) from e
    except ValueError as x:
        e = x
print(type(e).__name__)
a = []
for _ in range(100000):
    a = [a]
b = a
print(a is b, a == b)
s = frozenset()
for _ in range(50000):
    s = frozenset([s])
print(len(s), hash(s) == hash(s))
d = {}
cur = d
for _ in range(100000):
    n = {}
    cur['k'] = n
    cur = n
try:
    print(len(str(d)))
except RecursionError as e:
    print("RecursionError", e)
class R:
    def __init__(self, n): self.n = n
    def __hash__(self): return hash(self.n)
x = 0
for _ in range(100000):
    x = R(x)
try:
    hash(x)
except RecursionError as e:
    print("RecursionError", e)

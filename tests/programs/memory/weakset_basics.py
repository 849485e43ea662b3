import gc
import weakref
class E:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return "E(%d)" % self.n
items = [E(i) for i in range(5)]
s = weakref.WeakSet(items)
print(len(s), sorted(e.n for e in s))
del items[0]
print("after del", len(s))
x = E(10)
s.add(x)
print("add", x in s, len(s), E(10) in s)
s.discard(x)
print("discard", x in s)
s.add(x)
s.remove(x)
try:
    s.remove(x)
except KeyError as e:
    print("KeyError:", type(e.args[0]).__name__)
other = weakref.WeakSet(items[:2])
print("subset", other <= s, other < s, s >= other, s == weakref.WeakSet(items))
print("union", len(s | other), "intersection", len(s & other), "difference", len(s - other), "symdiff", len(s ^ other))
print("isdisjoint", s.isdisjoint(weakref.WeakSet([x])))
c = s.copy()
print("copy", type(c).__name__, len(c))
popped = s.pop()
print("pop", popped in items, len(s))
s.clear()
print("clear", len(s))
s.update(items)
items.clear()
del popped
print("all gone", len(s), list(s))
try:
    s.add(1)
except TypeError as e:
    print("TypeError:", e)
gc.disable()
y = E(3); y.me = y
s.add(y)
del y
print("cycle before collect", len(s))
gc.collect()
print("cycle after collect", len(s))
gc.enable()
keep = [E(i) for i in range(4)]
s = weakref.WeakSet(keep)
n = 0
for e in s:
    if n == 0:
        keep = [e]
    n += 1
del e
print("iterated", n, "left", len(s))
print(type(weakref.WeakSet()).__module__)

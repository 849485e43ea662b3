# Every set method (sets of small ints print in a stable order).
s = {3, 1, 2}
s.add(4)
s.add(1)
print(s, len(s))
s.discard(10)
s.discard(4)
s.remove(3)
print(s)
try:
    s.remove(99)
except KeyError as e:
    print("KeyError:", e)
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a.union(b), a.union([9], (8,)), a.intersection(b), a.intersection(b, {4}), a.difference(b), a.difference(b, {1}))
print(a.symmetric_difference(b), a.issubset({1, 2, 3, 4, 5}), a.issuperset({1}), a.isdisjoint({7}), a.isdisjoint(b))
print(a.issubset(range(10)), a.issuperset([1, 2]), {1}.union(), a.intersection())
c = a.copy()
c.update({10}, [11], range(12, 14))
print(c)
c.intersection_update({1, 10, 12, 99})
print(c)
c.difference_update([10])
print(c)
c.symmetric_difference_update({1, 50})
print(c)
c.clear()
print(c, len(c))
p = {7}
print(p.pop(), p)
try:
    p.pop()
except KeyError as e:
    print("KeyError:", e)
for bad in [lambda: set().add([]), lambda: set().union(5), lambda: {1}.issubset(5), lambda: set().update(1), lambda: set().remove([])]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
print(set.__name__, {1}.__contains__(1), {1, 2}.__len__(), set().__class__ is set)

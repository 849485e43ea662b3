# id(): only compared, never printed.
a = [1, 2]
b = a
c = [1, 2]
print(id(a) == id(b), id(a) == id(c), id(a) == id(a[:]), type(id(a)).__name__, id(a) > 0)
def same(x): return id(x)
print(same(a) == id(a))
x = object()
ids = {id(x)}
print(id(x) in ids, len({id(v) for v in [a, b, c]}))
class K:
    def m(self): pass
k = K()
print(id(k) == id(k), id(K) == id(type(k)), id(None) == id(None), id(True) == id(1 == 1))
t = (a, c)
print(id(t[0]) == id(a), id(t[1]) == id(c))
lst = [[]] * 3
print(len({id(e) for e in lst}), len({id(e) for e in [[] for _ in range(3)]}))

# Tuple/list unpacking, swaps, multiple targets, evaluation order.
a, b = 1, 2
a, b = b, a
print(a, b)
a, b, c = c, a, b = 'xyz'
print(a, b, c)
(a, (b, c)), d = (1, (2, 3)), 4
print(a, b, c, d)
[a, [b, [c]]] = [1, [2, [3]]]
print(a, b, c)
x = y = z = []
x.append(1)
print(y, z, x is z)
i = 0
lst = [10, 20, 30]
i, lst[i] = 1, 99
print(i, lst)
for (k, v), n in zip({'a': 1, 'b': 2}.items(), range(2)):
    print(k, v, n)
d = {}
d['a'], d['b'] = 'AB'
print(d)
class O: pass
o = O()
o.x, o.y = 5, 6
print(o.x, o.y)
m, = [42]
print(m)
(n,) = (7,)
print(n)
[] = []
() = ()
print("empty unpack ok")
p = q = 5
p += 1
print(p, q)
s, t = u = 1, 2
print(s, t, u)

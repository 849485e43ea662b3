# del of names, items, slices, attributes.
x = 1
del x
try:
    x
except NameError as e:
    print("NameError:", e)
d = {'a': 1, 'b': 2, 'c': 3}
del d['a']
print(d)
del d['b'], d['c']
print(d)
l = list(range(8))
del l[0]
del l[-1]
print(l)
del l[1:3]
print(l)
del l[:]
print(l)
class O: pass
o = O()
o.attr = 5
o.other = 6
del o.attr
print(hasattr(o, 'attr'), o.other)
try:
    del o.attr
except AttributeError as e:
    print("AttributeError:", e)
a, b = 1, 2
del (a, b)
print('a' in dir(), 'b' in dir())
p, q = 1, 2
del [p, q]
try:
    del d['missing']
except KeyError as e:
    print("KeyError:", e)
try:
    del l[5]
except IndexError as e:
    print("IndexError:", e)
def f():
    y = 1
    del y
    try:
        return y
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
print(f())
class D:
    def __delitem__(self, k): print("delitem", k)
    def __delattr__(self, n): print("delattr", n)
dd = D()
del dd[1:2], dd['k']
del dd.zzz
try:
    del (1, 2)[0]
except TypeError as e:
    print("TypeError:", e)

# Starred expressions in displays, calls, return, subscripts.
a = [1, 2]
b = (3, 4)
s = {5}
print([*a, *b, *s, *"xy"])
print((*a, *b), (*a,))
print({*a, *b, 0})
d1 = {'x': 1, 'y': 2}
d2 = {'y': 20, 'z': 30}
print({**d1, **d2}, {**d2, **d1}, {'w': 0, **d1, 'x': 100})
def f(*args, **kw):
    return args, kw
print(f(*a, *b, 9, *s))
print(f(**d1, **{'q': 1}))
print(f(*a, k=1, **d2))
print(f(0, *[], **{}))
def g():
    return *a, *b
print(g())
def h():
    yield *a, 7
print(list(h()))
for x in *a, *b:
    print(x, end=' ')
print()
print(*range(3), sep='-')
print(*'abc', *[1, 2], sep=',')
t = *range(2), 'end'
print(t)
try:
    f(**d1, **{'x': 5})
except TypeError as e:
    print("TypeError:", e)
try:
    f(*5)
except TypeError as e:
    print("TypeError:", e)
try:
    f(**[1])
except TypeError as e:
    print("TypeError:", e)
m = {}
m[1, 2] = 'tuple key'
print(m[(1, 2)], m[1, 2])

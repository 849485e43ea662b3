# Starred assignment targets.
a, *b = [1, 2, 3, 4]
print(a, b)
*a, b = range(5)
print(a, b)
a, *b, c = "hello"
print(a, b, c)
a, *b, c = 1, 2
print(a, b, c)
[a, *b] = (9,)
print(a, b)
(a, b), *c = [(1, 2), 3, 4]
print(a, b, c)
*a, = {1: 'x'}
print(a)
for first, *rest in [(1, 2, 3), (4,), "xy"]:
    print(first, rest)
head, *tail = iter([10, 20, 30])
print(head, tail)
x = [0, 0, 0]
x[0], *x[1:] = 'abc'
print(x)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError:", e)
d = {}
d['k'], *d['rest'] = [1, 2, 3]
print(d)

z = iter([1])
for _ in range(30000):
    z = zip(z)
try:
    print(next(z))
except RecursionError as e:
    print("RecursionError", e)
m = iter([1])
for _ in range(30000):
    m = map(lambda x: x, m)
try:
    print(next(m))
except RecursionError as e:
    print("RecursionError", e)
f = iter([1])
for _ in range(30000):
    f = filter(None, f)
try:
    print(next(f))
except RecursionError as e:
    print("RecursionError", e)
e = iter([1])
for _ in range(30000):
    e = enumerate(e)
try:
    print(next(e))
except RecursionError as ex:
    print("RecursionError", ex)
r = [1]
for _ in range(100000):
    r = iter(r)
print(next(r))

import sys
t = ()
for _ in range(100000):
    t = (t,)
print(hash(t) == hash(t))
z = iter([1])
for _ in range(30000):
    z = zip(z)
try:
    print(next(z))
except RecursionError as e:
    print("RecursionError")
l = []
for _ in range(100000):
    l = [l]
try:
    repr(l)
except RecursionError as e:
    print("RecursionError", e)
l2 = []
for _ in range(100000):
    l2 = [l2]
try:
    print(l == l2)
except RecursionError as e:
    print("RecursionError", e)
try:
    print(l < l2)
except RecursionError as e:
    print("RecursionError", e)
d = {}
for _ in range(100000):
    d = {1: d}
try:
    repr(d)
except RecursionError as e:
    print("RecursionError", e)

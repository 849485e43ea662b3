# Positional-only parameters.
def f(a, b, /, c, d=4):
    return (a, b, c, d)
print(f(1, 2, 3), f(1, 2, c=3), f(1, 2, 3, 5), f(1, 2, d=9, c=8))
def g(a, /):
    return a
print(g(10))
def h(a, b=2, /, **kw):
    return a, b, kw
print(h(1), h(1, 3), h(1, a=5, b=6))
try:
    f(a=1, b=2, c=3)
except TypeError as e:
    print("TypeError:", e)
try:
    g(a=1)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, b=2, c=3)
except TypeError as e:
    print("TypeError:", e)
def only(x, y, /):
    return x * y
print(only(3, 4))
try:
    only(3)
except TypeError as e:
    print("TypeError:", e)
try:
    only(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
print(f.__code__.co_posonlyargcount, f.__code__.co_argcount)
l = lambda p, /, q: p + q
print(l(1, q=2))
try:
    l(p=1, q=2)
except TypeError as e:
    print("TypeError:", e)

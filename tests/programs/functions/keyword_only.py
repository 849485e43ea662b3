# Keyword-only parameters.
def f(a, *, b, c=3):
    return a, b, c
print(f(1, b=2), f(1, b=2, c=4), f(a=0, b=1))
try:
    f(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1)
except TypeError as e:
    print("TypeError:", e)
def g(*args, key, flag=False):
    return args, key, flag
print(g(1, 2, key='k'), g(key=None, flag=True))
try:
    g(1, 2)
except TypeError as e:
    print("TypeError:", e)
def h(*, x, y, z):
    return x + y + z
print(h(z=1, y=2, x=3))
try:
    h(x=1)
except TypeError as e:
    print("TypeError:", e)
try:
    h(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
print(f.__kwdefaults__, h.__kwdefaults__, g.__kwdefaults__)
print(f.__code__.co_kwonlyargcount, h.__code__.co_kwonlyargcount)
def k(a, b=1, *, c, d=2, **rest):
    return a, b, c, d, rest
print(k(0, c=5), k(0, 9, c=5, d=6, e=7))

# A function with every parameter kind.
def f(a, b=2, /, c=3, *args, d, e=5, **kw):
    return f"a={a} b={b} c={c} args={args} d={d} e={e} kw={kw}"
print(f(1, d=4))
print(f(1, 20, 30, 40, 50, d=4))
print(f(1, c=33, d=4, z=26))
print(f(1, 2, 3, d=4, e=6, b=99))
print(f(*[1, 2, 3, 4], **{'d': 'D', 'x': 'X'}))
co = f.__code__
print(co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount)
print(co.co_varnames[:7])
print(f.__defaults__, f.__kwdefaults__)
def g(x, /, *, y):
    return x, y
print(g(1, y=2))
def h(a, /, b, *, c):
    return a, b, c
print(h(1, 2, c=3), h(1, b=2, c=3))
for call in [lambda: h(1, 2, 3), lambda: h(1), lambda: h(a=1, b=2, c=3), lambda: h(1, 2, c=3, d=4)]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)

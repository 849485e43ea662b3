# Lambda expressions.
add = lambda a, b: a + b
print(add(2, 3), add('a', 'b'))
print((lambda: 42)())
print((lambda *a, **k: (a, sorted(k.items())))(1, 2, x=3, y=4))
print((lambda a, b=5, *, c=7: a + b + c)(1), (lambda a, b=5, *, c=7: a + b + c)(1, 2, c=3))
print((lambda a, /, b: a - b)(10, b=3))
print(add.__name__, (lambda: 0).__name__)
fs = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in fs])
fs2 = [lambda x: x + i for i in range(3)]
print([f(10) for f in fs2])
print(sorted(['bb', 'a', 'ccc'], key=lambda s: -len(s)))
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
print((lambda x: (lambda y: x * y))(3)(4))
curry = lambda a: lambda b: lambda c: a + b + c
print(curry(1)(2)(3))
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(10))
print((lambda: (yield))) if False else print("lambda ok")
print(repr((lambda: None)()))
print(list(map(lambda p: p[0] * p[1], [(1, 2), (3, 4)])))

# Lambdas as values: defaults, closures, immediately invoked, in data structures.
ops = {
    '+': lambda a, b: a + b,
    '-': lambda a, b: a - b,
    '*': lambda a, b: a * b,
    '/': lambda a, b: a / b if b else float('inf'),
}
for sym in sorted(ops):
    print(sym, ops[sym](12, 4), ops[sym](1, 0))
print((lambda *args: sum(args))(1, 2, 3))
print((lambda **kw: sorted(kw))(b=1, a=2))
print((lambda a, b=10, *, c=100: a + b + c)(1, c=0))
print(list(map(lambda x: x ** 2, range(5))))
print(list(filter(lambda s: s.startswith('a'), ['apple', 'banana', 'avocado'])))
pairs = [(3, 'c'), (1, 'a'), (2, 'b'), (1, 'z')]
print(sorted(pairs, key=lambda p: (p[0], -ord(p[1]))))
print(max(pairs, key=lambda p: p[1]), min(pairs, key=lambda p: (p[0], p[1])))
Y = lambda f: (lambda x: x(x))(lambda y: f(lambda *a: y(y)(*a)))
fact = Y(lambda self: lambda n: 1 if n == 0 else n * self(n - 1))
print(fact(12))
adders = [(lambda n: lambda x: x + n)(i) for i in range(4)]
print([f(100) for f in adders])
print((lambda: (lambda: (lambda: 'deep')())())())
print(type(lambda: 0).__name__)
cond = lambda x: 'pos' if x > 0 else ('zero' if x == 0 else 'neg')
print(cond(5), cond(0), cond(-5))
swap = lambda t: (t[1], t[0])
print(swap((1, 2)))
print((lambda x, /, y: (x, y))(1, y=2))
noargs = lambda: None
print(noargs(), noargs.__code__.co_argcount)

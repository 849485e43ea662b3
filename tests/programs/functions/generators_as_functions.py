# Generator functions: calling returns a generator, body runs lazily.
def gen(n):
    print("start")
    for i in range(n):
        print("yield", i)
        yield i
    print("end")
g = gen(2)
print(type(g).__name__, g.__name__, g.__qualname__)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value)
print(list(gen(3)))
def returns_value():
    yield 1
    return "result"
g = returns_value()
next(g)
try:
    next(g)
except StopIteration as e:
    print("value:", e.value, e.args)
def infinite():
    n = 0
    while True:
        yield n
        n += 1
it = infinite()
print([next(it) for _ in range(5)])
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
out = []
for f in fib():
    if f > 100:
        break
    out.append(f)
print(out)
def empty():
    return
    yield
print(list(empty()))
def gen_with_args(a, *rest, k=0):
    yield a
    yield from rest
    yield k
print(list(gen_with_args(1, 2, 3, k=4)))
print(sum(x * x for x in range(10)), max(len(w) for w in "a bb ccc".split()))
g = gen(1)
print(g.gi_running, g.gi_frame is not None)
list(g)
print(g.gi_frame)

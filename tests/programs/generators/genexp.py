# Generator expressions: laziness, single use, scoping of the first iterable.
log = []
def src(n):
    log.append("src called")
    for i in range(n):
        log.append(f"produce {i}")
        yield i
g = (x * 2 for x in src(3))
print(type(g).__name__, log)
print(next(g), log)
print(list(g), log)
print(list(g))
print(sum(x for x in range(101)), max((len(w), w) for w in "the quick brown fox".split()))
print(list(x for x in range(10) if x % 3 == 0), list((x, y) for x in range(3) for y in range(x)))
try:
    gen = (x for x in 5)
except TypeError as e:
    print("first iterable evaluated eagerly:", e)
gen = (undefined_name for x in [1])
try:
    next(gen)
except NameError as e:
    print("body evaluated lazily:", e)
n = 10
g = (n + i for i in range(3))
n = 20
print(list(g))
items = [1, 2, 3]
g = (i for i in items)
items = [7, 8, 9]
print(list(g))
print(g.__name__, g.__qualname__)
print(sorted(c for c in "hello"), "".join(c.upper() for c in "abc"), tuple(i for i in range(3)))
print(set(x % 3 for x in range(10)), dict((k, len(k)) for k in ["a", "bb"]))
print(any(x > 2 for x in [1, 2, 3]), all(x > 0 for x in []))
nested = ((i, (j for j in range(i))) for i in range(3))
print([(i, list(g)) for i, g in nested])

# yield from: delegation and return values.
def inner():
    yield 1
    yield 2
    return "inner result"
def outer():
    result = yield from inner()
    print("inner returned", result)
    yield 3
    return "outer result"
g = outer()
print(list(g))
def get_return(gen):
    try:
        while True:
            next(gen)
    except StopIteration as e:
        return e.value
print(get_return(outer()))
def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain([1, 2], "ab", range(3), (x * x for x in range(3)), {"k": 1})))
def tree(n):
    if n > 0:
        yield from tree(n - 1)
        yield n
        yield from tree(n - 1)
print(list(tree(3)))
def accumulate():
    total = 0
    while True:
        v = yield
        if v is None:
            return total
        total += v
def gather(results):
    while True:
        total = yield from accumulate()
        results.append(total)
results = []
g = gather(results)
next(g)
for v in [1, 2, 3, None, 10, 20, None]:
    g.send(v)
print(results)
def yf_iterable():
    r = yield from [1, 2]
    yield ("list yields return", r)
print(list(yf_iterable()))
def empty():
    return "immediately"
    yield
def delegate_empty():
    v = yield from empty()
    yield v
print(list(delegate_empty()))
def stopiter_value():
    v = yield from iter([])
    yield v
print(list(stopiter_value()))

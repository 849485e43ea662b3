# generator.send(): values flow into yield expressions.
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    return received
g = echo()
print(g.send(None))
print(g.send("a"), g.send("b"), g.send("c"))
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value)
def averager():
    total = count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
a = averager()
next(a)
print([a.send(v) for v in [10, 20, 30, 40]])
g2 = echo()
try:
    g2.send("not None first")
except TypeError as e:
    print("TypeError:", e)
def accumulate():
    acc = []
    while True:
        item = yield acc[:]
        acc.append(item)
acc = accumulate()
print(next(acc), acc.send(1), acc.send(2))
def double_yield():
    x = yield 1
    y = yield x * 10
    z = yield x + y
    return (x, y, z)
d = double_yield()
print(next(d), d.send(2), d.send(3))
try:
    d.send(4)
except StopIteration as e:
    print(e.value)
def expr_yield():
    result = (yield "first") + (yield "second")
    yield result
e = expr_yield()
print(next(e), e.send(5), e.send(7))

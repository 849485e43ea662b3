# yield in various expression positions.
def forms():
    a = yield
    b = yield a
    c = (yield b) * 2
    print("c =", c)
    d = [(yield "in list"), (yield "second in list")]
    print("d =", d)
    e = {"k": (yield "in dict")}
    print("e =", e)
    f = str((yield "as argument"))
    print("f =", repr(f))
    yield (yield "nested yield")
g = forms()
print(next(g))
print(g.send(1))
print(g.send(2))
print(g.send(3))
print(g.send("L1"))
print(g.send("L2"))
print(g.send("D"))
print(g.send(None))
print(g.send("inner"))
print(next(g, "end"))
gen_lambda = lambda: (yield 1)
lg = gen_lambda()
print(type(lg).__name__, next(lg))
def yield_tuple():
    yield 1, 2
    yield (3, 4)
    x = yield 5, 6
    print("x =", x)
print(list(yield_tuple()))
def yield_in_condition():
    if (yield "check"):
        yield "truthy branch"
    else:
        yield "falsy branch"
y = yield_in_condition()
next(y)
print(y.send(0))
def yield_star():
    x = yield *[1, 2], 3
    yield x
print(list(yield_star()))

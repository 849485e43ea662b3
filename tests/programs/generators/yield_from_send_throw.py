# send/throw/close are forwarded through yield from.
def sub():
    log = []
    try:
        while True:
            try:
                x = yield len(log)
                log.append(x)
            except ValueError as e:
                log.append("caught " + str(e))
    finally:
        print("sub finally, log =", log)
def mid():
    r = yield from sub()
    print("mid got", r)
g = mid()
print(next(g))
print(g.send("a"))
print(g.send("b"))
print(g.throw(ValueError("v")))
print(g.send("c"))
g.close()
print("closed")
def sub2():
    yield 1
    yield 2
def mid2():
    try:
        yield from sub2()
    except KeyError as e:
        yield "mid2 caught " + repr(e)
g = mid2()
next(g)
print(g.throw(KeyError("k")))
def deep(level):
    if level == 0:
        x = yield "bottom"
        return f"bottom received {x}"
    r = yield from deep(level - 1)
    return f"level {level} < {r}"
d = deep(3)
print(next(d))
try:
    d.send("hello")
except StopIteration as e:
    print(e.value)
def gi_yieldfrom_check():
    yield from sub2()
gy = gi_yieldfrom_check()
print(gy.gi_yieldfrom)
next(gy)
print(type(gy.gi_yieldfrom).__name__, gy.gi_yieldfrom.__name__)

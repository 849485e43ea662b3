# generator.close() and GeneratorExit handling.
def g1():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("GeneratorExit received")
        raise
    finally:
        print("finally on close")
g = g1()
print(next(g))
print(g.close())
print(next(g, "closed"))
g = g1()
g.close()
print("closing unstarted runs nothing")
def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return "ignored return value"
r = returns_on_exit()
next(r)
print(r.close())
def swallow():
    ignored = False
    while True:
        try:
            yield
        except GeneratorExit:
            if ignored:
                print("second close: giving up")
                return
            ignored = True
            print("trying to ignore")
s = swallow()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
s.close()
def raises_other():
    try:
        yield
    except GeneratorExit:
        raise ValueError("different exception on close")
o = raises_other()
next(o)
try:
    o.close()
except ValueError as e:
    print("ValueError:", e)
done = g1()
list(done)
print(done.close())
def counter():
    i = 0
    try:
        while True:
            yield i
            i += 1
    finally:
        print("counter stopped at", i)
loop_gen = counter()
for v in loop_gen:
    if v == 3:
        break
print("loop ended")
loop_gen.close()
c = counter()
next(c); next(c)
c.close()
print("after explicit close")

# generator.throw(): raising inside a suspended generator.
def resilient():
    n = 0
    while True:
        try:
            yield n
            n += 1
        except ValueError as e:
            print("generator caught", repr(e))
            n = -100
g = resilient()
print(next(g), next(g))
print(g.throw(ValueError("reset")))
print(next(g))
try:
    g.throw(KeyError("unhandled"))
except KeyError as e:
    print("propagated", repr(e))
print(next(g, "exhausted"))
def fresh():
    yield 1
f = fresh()
try:
    f.throw(RuntimeError("before start"))
except RuntimeError as e:
    print("unstarted throw:", e)
print(next(f, "closed by throw"))
def with_finally():
    try:
        yield "working"
    finally:
        print("finally during throw")
w = with_finally()
next(w)
try:
    w.throw(TypeError, TypeError("type + instance"))
except TypeError as e:
    print("caught", e)
def converts():
    try:
        yield
    except ZeroDivisionError:
        yield "converted to value"
c = converts()
next(c)
print(c.throw(ZeroDivisionError))
def raise_stop():
    try:
        yield 1
    except ValueError:
        return "returned after throw"
r = raise_stop()
next(r)
try:
    r.throw(ValueError)
except StopIteration as e:
    print("StopIteration value:", e.value)
def thrown_class():
    try:
        yield
    except Exception as e:
        yield repr(e)
t = thrown_class()
next(t)
print(t.throw(IndexError))

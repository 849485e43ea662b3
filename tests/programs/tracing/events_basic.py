# Trace events for loops, branches, try/except/finally, with, recursion,
# comprehensions and generators, with lines relative to each function.
import sys

events = []


def tracer(frame, event, arg):
    co = frame.f_code
    if co.co_filename != __file__:
        return None
    rel = frame.f_lineno - co.co_firstlineno
    if event == "exception":
        arg = arg[0].__name__
    elif event == "return":
        simple = (int, str, list, tuple, dict, type(None))
        arg = repr(arg) if isinstance(arg, simple) else type(arg).__name__
    else:
        arg = None
    events.append((co.co_name, event, rel, arg))
    return tracer


def loop(n):
    total = 0
    for i in range(n):
        if i % 2:
            total += i
        else:
            total -= 1
    while n > 0:
        n -= 1
    return total


def tryer(x):
    try:
        y = 10 // x
    except ZeroDivisionError:
        y = -1
    finally:
        y += 1
    return y


class CM:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return True


def with_stmt():
    with CM() as c:
        raise ValueError("swallowed")
    return "after"


def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


def comps():
    a = [x * 2 for x in range(3)]
    b = {x: x for x in a if x}
    return a, b


def gen():
    yield 1
    x = yield 2
    return x


def use_gen():
    g = gen()
    out = [next(g), next(g)]
    try:
        g.send(5)
    except StopIteration as e:
        out.append(e.value)
    return out


def raiser():
    raise KeyError("k")


def catcher():
    try:
        raiser()
    except KeyError:
        return "caught"


def run(f, *args):
    events.clear()
    sys.settrace(tracer)
    try:
        r = f(*args)
    finally:
        sys.settrace(None)
    print(f.__name__, "->", r)
    for e in events:
        if e[0] != "run":
            print("   ", e)


run(loop, 3)
run(tryer, 0)
run(tryer, 2)
run(with_stmt)
run(fact, 3)
run(comps)
run(use_gen)
run(catcher)
print(sys.gettrace())

# Exceptions inside generators; PEP 479 StopIteration conversion.
def failing():
    yield 1
    raise ValueError("from generator")
g = failing()
print(next(g))
try:
    next(g)
except ValueError as e:
    print("caught", e)
print(next(g, "exhausted after error"))
def leaks_stop():
    yield 1
    raise StopIteration("leaked")
try:
    list(leaks_stop())
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))
def next_on_empty():
    it = iter([])
    yield next(it)
try:
    list(next_on_empty())
except RuntimeError as e:
    print("RuntimeError:", e)
def handles_inside():
    for i in range(3):
        try:
            if i == 1:
                raise KeyError(i)
            yield i
        except KeyError as e:
            yield "handled " + repr(e)
print(list(handles_inside()))
def finally_on_close():
    try:
        yield "a"
        yield "b"
    finally:
        print("cleanup")
g = finally_on_close()
print(next(g))
g.close()
print("closed")
def catch_generator_exit():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
g = catch_generator_exit()
next(g)
g.close()
def yields_in_finally():
    try:
        yield 1
    finally:
        yield 2
g = yields_in_finally()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError:", e)
gen = (1 / x for x in [1, 0, 2])
print(next(gen))
try:
    next(gen)
except ZeroDivisionError as e:
    print("genexp error:", e)
print(list(gen))
def running():
    yield g2.gi_running
g2 = running()
print(next(g2))
def reenter():
    yield next(g3)
g3 = reenter()
try:
    next(g3)
except ValueError as e:
    print("ValueError:", e)

# Generators driven by `for` loops, `yield from` and `await` (which the eval
# loop may run in place, without re-entering itself): their state, frames,
# exception state, errors and tracebacks, and trace events must be those of
# a generator resumed through next()/send().
import sys


def countdown(n):
    while n:
        yield n
        n -= 1
    return "done"


# A for loop over a generator: values, then the loop ends; the return value
# is dropped and the generator is finished.
g = countdown(3)
print([x for x in g], g.gi_frame, g.gi_running)
for x in g:
    print("never", x)


# State and frame seen from inside and outside while the loop runs it.
def introspect():
    me = yield "first"
    print("running inside:", sys._getframe().f_back.f_code.co_name)
    yield sys._getframe().f_code.co_name


def drive_introspect():
    g = introspect()
    seen = []
    for v in g:
        seen.append(v)
        seen.append(g.gi_running)
        seen.append(g.gi_frame is not None and g.gi_frame.f_lineno)
    print(seen, g.gi_frame)


drive_introspect()


# An exception in the generator goes to the loop's caller with both frames in
# its traceback; the generator is finished.
def fails_after(n):
    yield from range(n)
    raise KeyError("boom")


def drive_fails():
    g = fails_after(2)
    try:
        for x in g:
            print("got", x)
    except KeyError as e:
        tb = e.__traceback__
        names = []
        while tb:
            names.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
            tb = tb.tb_next
        print("caught", repr(e), names)
    print(list(g), g.gi_frame)


drive_fails()


# PEP 479: StopIteration raised inside becomes RuntimeError.
def leaks_stop():
    yield 1
    raise StopIteration("leak")


try:
    for x in leaks_stop():
        print("leak", x)
except RuntimeError as e:
    print(type(e).__name__, e, repr(e.__cause__), e.__context__ is e.__cause__)


# sys.exc_info inside a generator resumed while its caller handles an error,
# and a generator suspended inside an except block.
def exc_info_gen():
    yield sys.exc_info()[1]
    try:
        raise ValueError("inner")
    except ValueError:
        yield sys.exc_info()[1]
        yield sys.exc_info()[1]
    yield sys.exc_info()[1]


try:
    raise TypeError("outer")
except TypeError:
    print([repr(v) for v in exc_info_gen()])
print(sys.exc_info())


# yield from a generator: return values, values sent through, and errors.
def inner():
    got = yield "i1"
    print("inner got", got)
    got = yield "i2"
    print("inner got", got)
    return "inner-result"


def outer():
    r = yield from inner()
    print("outer got", r)
    r2 = yield from countdown(2)
    print("outer got", r2)
    return "outer-result"


g = outer()
print(next(g), g.send("a"), g.send("b"), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
print(list(outer()))


def deep_inner():
    yield 1
    1 / 0


def deep_outer():
    try:
        yield from deep_inner()
    except ZeroDivisionError as e:
        print("outer caught", e, e.__traceback__.tb_next.tb_frame.f_code.co_name)
        yield "recovered"


print(list(deep_outer()))


# gi_yieldfrom while suspended in a delegation; throw and close through it.
def middle():
    try:
        yield from inner()
    finally:
        print("middle finally")


g = middle()
next(g)
print(g.gi_yieldfrom.__name__)
try:
    g.throw(OSError("thrown"))
except OSError as e:
    print("throw came back", e)
g = middle()
next(g)
g.close()
print(g.gi_frame, g.gi_yieldfrom)


# Coroutines awaiting coroutines, driven by send().
class Suspend:
    def __await__(self):
        v = yield "suspended"
        return v


async def leaf(x):
    got = await Suspend()
    return x + got


async def mid(x):
    return await leaf(x) * 2


async def top():
    total = 0
    for i in range(3):
        total += await mid(i)
    return total


c = top()
v = c.send(None)
steps = [v]
try:
    while True:
        steps.append(c.send(10))
except StopIteration as e:
    print(steps, e.value)


async def raiser():
    await Suspend()
    raise LookupError("in coroutine")


async def catcher():
    try:
        await raiser()
    except LookupError as e:
        return "caught " + str(e)


c = catcher()
c.send(None)
try:
    c.send(None)
except StopIteration as e:
    print(e.value)


# Re-entering a running generator from inside itself.
def reentrant():
    yield next(me)


me = reentrant()
try:
    for x in me:
        pass
except ValueError as e:
    print("ValueError", e)


# Near the recursion limit: generators nested by for loops.
def nested(n):
    if n == 0:
        yield 0
        return
    for x in nested(n - 1):
        yield x + 1


print(list(nested(50)))
try:
    list(nested(5000))
except RecursionError as e:
    print("RecursionError", e)


# A trace function set while a generator runs in place sees the same
# events as with next(): the loop ends, and SEND reports StopIteration.
events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name in ("traced_gen", "traced_delegate", "drive_traced"):
        events.append((frame.f_code.co_name, event, arg if event != "exception" else arg[0].__name__))
    return tracer


def traced_gen():
    sys.settrace(tracer)
    yield 1
    return 2


def traced_delegate():
    r = yield from traced_gen()
    yield r


def drive_traced():
    out = []
    for x in traced_delegate():
        out.append(x)
    sys.settrace(None)
    return out


print(drive_traced())
for e in events:
    print(e)

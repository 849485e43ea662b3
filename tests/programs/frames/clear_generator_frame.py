# frame.clear() on a generator's frame (CPython's frame_clear): a suspended
# generator is closed (its finally blocks run, as when it is garbage); the
# frame of a running generator, or of a running function, cannot be cleared.
import sys
import types

log = []


def gen():
    try:
        log.append("start")
        yield 1
        log.append("not reached")
    finally:
        log.append("finally")


g = gen()
print(next(g))
g.gi_frame.clear()
print(log, g.gi_frame, g.gi_suspended)
print(next(g, "exhausted"))

# A frame object taken while the generator ran, cleared once it is suspended.
log.clear()


def gen_tb():
    try:
        try:
            1 / 0
        except ZeroDivisionError as e:
            f = e.__traceback__.tb_frame
            try:
                f.clear()
            except RuntimeError as err:
                log.append(("running", str(err)))
            yield f
    finally:
        log.append("finally")


g = gen_tb()
f = next(g)
print(f.f_code.co_name, log)
f.clear()
print(log)

# Clearing a frame of a running function is refused.
try:
    sys._getframe().clear()
except RuntimeError as e:
    print("RuntimeError:", e)

# A generator that ignores GeneratorExit: the RuntimeError is reported as
# unraisable, as when it is garbage.
ignore = [True]


def stubborn():
    while True:
        try:
            yield
        except GeneratorExit:
            if not ignore[0]:
                raise
            ignore[0] = False
            log.append("ignored")


seen = []
sys.unraisablehook = lambda u: seen.append((type(u.exc_value).__name__, str(u.exc_value)))
g = stubborn()
next(g)
g.gi_frame.clear()
print(seen, log[-1])
sys.unraisablehook = sys.__unraisablehook__
g.close()
print(g.gi_suspended)

# A coroutine's frame closes the coroutine too.
@types.coroutine
def sleeper():
    yield "tick"


async def coro():
    try:
        await sleeper()
    finally:
        log.append("coro finally")


c = coro()
print(c.send(None))
c.cr_frame.clear()
print(log[-1], c.cr_frame)

# A finished generator's frame object can be cleared as any frame.
def done():
    yield sys._getframe()


g = done()
f = next(g)
next(g, None)
print(f.clear(), g.gi_frame)

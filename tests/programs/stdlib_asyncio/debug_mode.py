# Debug mode: coroutine origin tracking, asyncgen hooks, exception chaining through tasks.
import asyncio
import gc
import sys


async def coro():
    return 1


def make():
    return coro()


sys.set_coroutine_origin_tracking_depth(2)
c = make()
print([(f.rsplit("/", 1)[-1], line, name) for f, line, name in c.cr_origin])
c.close()
sys.set_coroutine_origin_tracking_depth(0)
c = make()
print(c.cr_origin, sys.get_coroutine_origin_tracking_depth())
c.close()
try:
    sys.set_coroutine_origin_tracking_depth(-1)
except ValueError as e:
    print("ValueError", e)


async def main():
    loop = asyncio.get_running_loop()
    print("debug:", loop.get_debug(), sys.get_coroutine_origin_tracking_depth())
    hooks = sys.get_asyncgen_hooks()
    print(type(hooks).__name__, hooks.firstiter == loop._asyncgen_firstiter_hook,
          hooks.finalizer == loop._asyncgen_finalizer_hook)

    # an exception thrown into a coroutine that is handling one is chained to it
    async def raise_error():
        raise ValueError("inner")

    try:
        raise KeyError(3)
    except KeyError:
        try:
            await asyncio.create_task(raise_error())
        except ValueError as exc:
            print("context:", repr(exc.__context__))


asyncio.run(main(), debug=True)
print(sys.get_coroutine_origin_tracking_depth(), sys.get_asyncgen_hooks())

# asyncgen hooks by hand
seen = []
sys.set_asyncgen_hooks(firstiter=lambda g: seen.append(("first", g.__name__)),
                       finalizer=lambda g: seen.append(("final", g.__name__)))


async def agen():
    yield 1
    yield 2


g = agen()
try:
    g.asend(None).send(None)
except StopIteration as e:
    print("first value", e.value)
del g
gc.collect()
print(seen)
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())
for bad in [dict(firstiter=1), dict(finalizer="x")]:
    try:
        sys.set_asyncgen_hooks(**bad)
    except TypeError as e:
        print("TypeError", e)

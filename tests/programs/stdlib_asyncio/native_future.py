# The _asyncio.Future type: states, results, callbacks, its iterator, errors.
import asyncio
import contextvars
import _asyncio

print(asyncio.Future is _asyncio.Future, asyncio.Task is _asyncio.Task)
print(_asyncio.Future.__module__, _asyncio.Future.__name__, _asyncio.Task.__mro__)

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
order = []
var = contextvars.ContextVar("var", default="default")


def cb(name):
    def f(fut):
        order.append((name, fut._state, var.get()))
    f.__qualname__ = "cb_" + name
    return f


f = loop.create_future()
print(type(f), repr(f), f._state, f.done(), f.cancelled())
print(f._callbacks, f._result, f._exception, f._log_traceback, f._source_traceback, f._cancel_message)
print(f._asyncio_future_blocking, f.get_loop() is loop, f._loop is loop)
a, b, c = cb("a"), cb("b"), cb("c")
f.add_done_callback(a)
ctx = contextvars.copy_context()
ctx.run(var.set, "in ctx")
f.add_done_callback(b, context=ctx)
f.add_done_callback(c)
f.add_done_callback(a)
print(repr(f))
print([cb.__qualname__ for cb, _ in f._callbacks])
print(f.remove_done_callback(a), [cb.__qualname__ for cb, _ in f._callbacks])
print(f.remove_done_callback(a), f.remove_done_callback(print))
f.set_result([1, 2, 3])
print(repr(f), f.result(), f._result, f.done())
loop.run_until_complete(asyncio.sleep(0))
print(order)
f.add_done_callback(cb("late"))
loop.run_until_complete(asyncio.sleep(0))
print(order[-1])

for bad in (lambda: f.set_result(1), lambda: f.set_exception(ValueError())):
    try:
        bad()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError", e)

g = asyncio.Future(loop=loop)
try:
    g.result()
except asyncio.InvalidStateError as e:
    print("InvalidStateError", e)
try:
    g.exception()
except asyncio.InvalidStateError as e:
    print("InvalidStateError", e)
for exc in (StopIteration, StopIteration(), 42, "x"):
    try:
        g.set_exception(exc)
    except TypeError as e:
        print("TypeError", e)
g.set_exception(KeyError)
print(repr(g), repr(g.exception()), g._log_traceback)
try:
    g.result()
except KeyError as e:
    print("raised", repr(e))
g._log_traceback = False
try:
    g._log_traceback = True
except ValueError as e:
    print("ValueError", e)

# cancellation, with and without a message
h = loop.create_future()
h.add_done_callback(cb("h"))
print(h.cancel("stop it"), h.cancel(), h.cancelled(), h.done(), repr(h), h._cancel_message)
for meth in (h.result, h.exception):
    try:
        meth()
    except asyncio.CancelledError as e:
        print("CancelledError", e.args)
print(repr(h._make_cancelled_error()))
h2 = loop.create_future()
h2.cancel()
try:
    h2.result()
except asyncio.CancelledError as e:
    print("CancelledError", e.args)
loop.run_until_complete(asyncio.sleep(0))
print(order[-1])

# the iterator behind await
i = loop.create_future()
it = iter(i)
print(type(it).__name__, type(it).__module__, it is not iter(i))
print(next(it) is i, i._asyncio_future_blocking)
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError", e)
i.set_result("done")
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.value)
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.value)
it = i.__await__()
try:
    it.send("ignored")
except StopIteration as e:
    print("send", e.value)
for args in ((ValueError,), (ValueError, 5), (ValueError, (1, 2)), (ValueError("v"),), (ValueError("v"), 1), (1,), (ValueError, None, 3)):
    try:
        i.__await__().throw(*args)
    except Exception as e:
        print("throw", type(e).__name__, e)
it = iter(i)
print(it.close())
try:
    next(it)
except StopIteration as e:
    print("closed", e.value)


async def waiter(fut):
    return await fut

j = loop.create_future()
loop.call_soon(j.set_result, "from callback")
print(loop.run_until_complete(waiter(j)))
k = loop.create_future()
loop.call_soon(k.set_exception, OSError(2, "no"))
try:
    loop.run_until_complete(waiter(k))
except OSError as e:
    print("OSError", e)

# uninitialised futures
u = asyncio.Future.__new__(asyncio.Future)
print(u.done(), u.cancelled(), u._loop, u._source_traceback, u._asyncio_future_blocking)
for name in ("result", "exception", "get_loop", "cancel", "set_result", "__repr__", "__await__"):
    try:
        m = getattr(u, name)
        m(1) if name == "set_result" else m()
    except Exception as e:
        print(name, type(e).__name__, e)
try:
    u.add_done_callback(print)
except RuntimeError as e:
    print("add_done_callback", e)
for attr in ("_state", "_callbacks", "_result", "_exception", "_log_traceback"):
    try:
        getattr(u, attr)
    except RuntimeError as e:
        print(attr, e)
for attr in ("_log_traceback", "_asyncio_future_blocking", "_cancel_message"):
    try:
        delattr(f, attr)
    except AttributeError as e:
        print("del", attr, e)
try:
    f._state = "FINISHED"
except AttributeError as e:
    print("AttributeError", e)

print(asyncio.Future[int], asyncio.Task[str])
print(asyncio.isfuture(f), asyncio.isfuture(asyncio.Future))
loop.close()
asyncio.set_event_loop(None)
try:
    asyncio.Future()
except RuntimeError as e:
    print("RuntimeError", e)

# call_soon / call_later / call_at ordering, handles, futures and done callbacks.
import asyncio
import functools


def main():
    loop = asyncio.new_event_loop()
    order = []
    loop.call_later(0.03, order.append, "later 0.03")
    loop.call_later(0.01, order.append, "later 0.01")
    loop.call_soon(order.append, "soon 1")
    loop.call_at(loop.time() + 0.02, order.append, "at 0.02")
    loop.call_soon(order.append, "soon 2")
    h = loop.call_soon(order.append, "cancelled")
    h.cancel()
    print("handle cancelled:", h.cancelled())
    th = loop.call_later(0.05, order.append, "cancelled timer")
    th.cancel()
    print(type(th).__name__, th.cancelled(), th.when() > 0)
    loop.call_later(0.04, loop.stop)
    loop.run_forever()
    print(order)

    # call_soon from a callback runs on the next iteration, after the ones queued before
    order.clear()
    def first():
        order.append("first")
        loop.call_soon(order.append, "queued by first")
    loop.call_soon(first)
    loop.call_soon(order.append, "second")
    loop.call_soon(loop.stop)
    loop.run_forever()
    loop.call_soon(loop.stop)
    loop.run_forever()
    print(order)

    # futures
    fut = loop.create_future()
    print(fut.done(), repr(fut))
    def cb(tag, f):
        print("callback", tag, f.result())
    fut.add_done_callback(functools.partial(cb, "a"))
    fut.add_done_callback(functools.partial(cb, "b"))
    removable = functools.partial(cb, "removed")
    fut.add_done_callback(removable)
    print("removed", fut.remove_done_callback(removable))
    loop.call_later(0.01, fut.set_result, 42)
    print("run_until_complete ->", loop.run_until_complete(fut))
    print(repr(fut))
    try:
        fut.set_result(1)
    except asyncio.InvalidStateError:
        # the message differs between the _asyncio accelerator and Lib's Future
        print("InvalidStateError")
    fut2 = loop.create_future()
    try:
        fut2.result()
    except asyncio.InvalidStateError:
        # the message differs between the _asyncio accelerator and Lib's Future
        print("InvalidStateError")
    fut2.set_exception(KeyError("k"))
    print(repr(fut2.exception()))
    try:
        fut2.set_exception(StopIteration())
    except asyncio.InvalidStateError:
        # the message differs between the _asyncio accelerator and Lib's Future
        print("InvalidStateError")
    fut3 = loop.create_future()
    try:
        fut3.set_exception(StopIteration())
    except TypeError as e:
        print("TypeError", e)
    fut3.cancel()
    # a callback added to a done future is scheduled, not called at once
    fut.add_done_callback(lambda f: print("late callback"))
    print("before late callback")
    loop.call_soon(loop.stop)
    loop.run_forever()

    # wrap_future-free helpers
    f = asyncio.ensure_future(asyncio.sleep(0, result="ensured"), loop=loop)
    print(type(f).__name__, loop.run_until_complete(f))
    print(loop.is_running(), loop.is_closed(), loop.get_debug())

    # exceptions in callbacks go to the exception handler
    def handler(lp, context):
        print("handler:", context["message"], repr(context.get("exception")))
    loop.set_exception_handler(handler)
    def boom():
        raise ZeroDivisionError("in callback")
    loop.call_soon(boom)
    loop.call_soon(loop.stop)
    loop.run_forever()
    loop.close()
    print(loop.is_closed())
    try:
        loop.call_soon(print)
    except RuntimeError as e:
        print("RuntimeError", e)


main()

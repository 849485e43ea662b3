# Subclasses of _asyncio.Future and Task, and the finalisers: an exception
# never retrieved and a task destroyed while pending go to the loop's
# exception handler.
import asyncio
import gc


def handler(loop, context):
    keys = sorted(context)
    exc = context.get("exception")
    obj = context.get("future") or context.get("task")
    print("handler:", context["message"], keys, type(exc).__name__ if exc else None, type(obj).__name__)


class MyFuture(asyncio.Future):
    def __init__(self, *, loop=None, tag="t"):
        super().__init__(loop=loop)
        self.tag = tag

    def __repr__(self):
        return f"<MyFuture {self.tag} {self._state}>"

    def set_result(self, value):
        print("MyFuture.set_result", value)
        super().set_result(value * 2)


class MyTask(asyncio.Task):
    steps = 0

    def __init__(self, coro, *, loop=None, name=None, context=None):
        super().__init__(coro, loop=loop, name=name, context=context)
        self.extra = "extra"

    def cancel(self, msg=None):
        print("MyTask.cancel", msg)
        return super().cancel(msg)


class NoInit(asyncio.Future):
    def __init__(self):
        pass


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    f = MyFuture(tag="x")
    print(repr(f), f.tag, isinstance(f, asyncio.Future), asyncio.isfuture(f))
    loop.call_soon(f.set_result, 21)
    print(await f)

    async def work():
        await asyncio.sleep(0)
        return "worked"

    t = MyTask(work(), name="mine")
    print(type(t).__name__, t.extra, t.get_name(), repr(t).split(" coro=")[0])
    print(await t)
    t2 = MyTask(asyncio.sleep(10))
    await asyncio.sleep(0)
    t2.cancel("bye")
    try:
        await t2
    except asyncio.CancelledError as e:
        print("cancelled", e.args)

    loop.set_task_factory(lambda loop, coro: MyTask(coro, loop=loop))
    t3 = asyncio.create_task(work())
    print(type(t3).__name__, await t3)
    loop.set_task_factory(None)

    n = NoInit()
    print(n.done(), n._loop)
    try:
        n.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError", e)

    # an exception nobody retrieved
    g = loop.create_future()
    g.set_exception(ValueError("lost"))
    del g
    gc.collect()
    h = MyFuture()
    h.set_exception(KeyError("lost too"))
    del h
    gc.collect()
    # retrieved: no report
    k = loop.create_future()
    k.set_exception(ValueError("seen"))
    k.exception()
    del k
    gc.collect()
    # a pending task destroyed
    async def forever():
        await loop.create_future()

    t4 = asyncio.create_task(forever())
    await asyncio.sleep(0)
    print("pending", t4.done())
    t4._log_destroy_pending = False
    del t4
    gc.collect()
    await asyncio.sleep(0)
    print("done")


asyncio.run(main())


# A task the loop forgot: "Task was destroyed but it is pending!"
loop = asyncio.new_event_loop()
loop.set_exception_handler(handler)


async def never():
    await asyncio.sleep(100)

t = loop.create_task(never())
loop.run_until_complete(asyncio.sleep(0))
loop.close()
t._coro.close() if False else None
del t
gc.collect()
print("end")

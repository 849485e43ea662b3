# contextvars: tasks run in a copy of the creator's context.
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="none")


async def handler(n):
    request_id.set(f"req-{n}")
    # 50 ms apart: the three tasks start one after another, and on a loaded
    # machine their starts can be several milliseconds apart.
    await asyncio.sleep(0.05 * (3 - n))
    await inner(n)
    return request_id.get()


async def inner(n):
    print(f"inner {n} sees {request_id.get()}")


async def main():
    request_id.set("main")
    results = await asyncio.gather(*(handler(i) for i in range(3)))
    print(results, "main still", request_id.get())

    # a task copies the context at creation time
    request_id.set("before")
    t = asyncio.create_task(inner(99))
    request_id.set("after")
    await t

    # an explicit context
    ctx = contextvars.Context()
    t = asyncio.create_task(inner(7), context=ctx)
    await t
    ctx2 = contextvars.copy_context()
    print(ctx2[request_id])

    # callbacks get a context too
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    ctx3 = contextvars.copy_context()
    ctx3.run(request_id.set, "in ctx3")
    loop.call_soon(lambda: fut.set_result(request_id.get()), context=ctx3)
    print(await fut)
    print(request_id.get())


asyncio.run(main())
print(request_id.get())

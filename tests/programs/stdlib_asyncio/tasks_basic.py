# Tasks run concurrently: the seed's fetch_data example, asyncio.run, gather.
import asyncio
import time

SLEEP = 0.2


async def fetch_data(name, delay):
    print(f"Fetching {name}...")
    await asyncio.sleep(delay)
    print(f"Done {name}")
    return {"name": name, "delay": delay}


async def main():
    start = time.monotonic()
    t1 = asyncio.create_task(fetch_data("A", SLEEP))
    t2 = asyncio.create_task(fetch_data("B", SLEEP))
    r1 = await t1
    r2 = await t2
    elapsed = time.monotonic() - start
    print(r1, r2)
    print("concurrent:", elapsed < 1.5 * SLEEP)
    print(t1.done(), t1.cancelled(), t1.result() is r1)
    return "main result"


print(asyncio.run(main()))


async def square(x):
    await asyncio.sleep(0.01 * (5 - x))
    return x * x


async def fail(msg):
    await asyncio.sleep(0)
    raise ValueError(msg)


async def gathering():
    print(await asyncio.gather(*(square(i) for i in range(5))))
    print(await asyncio.gather())
    res = await asyncio.gather(square(2), fail("boom"), square(3), return_exceptions=True)
    print([type(r).__name__ for r in res], res[1].args)
    try:
        await asyncio.gather(square(1), fail("first"))
    except ValueError as e:
        print("gather raised", repr(e))
    # a gather of futures and coroutines mixed
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_later(0.01, fut.set_result, "fut")
    print(await asyncio.gather(fut, square(4)))


asyncio.run(gathering())


async def names():
    t = asyncio.create_task(asyncio.sleep(0), name="sleeper")
    print(t.get_name())
    t.set_name("renamed")
    print(t.get_name())
    await t
    print(asyncio.current_task().get_name().startswith("Task-"))
    print(len(asyncio.all_tasks()))
    print(asyncio.iscoroutinefunction(names), asyncio.iscoroutine(t), asyncio.isfuture(t))
    coro = square(3)
    print(asyncio.iscoroutine(coro))
    print(await coro)


asyncio.run(names())

try:
    asyncio.run(square(1), debug=False)
    asyncio.run(42)
except ValueError as e:
    print("ValueError", e)


async def nested():
    try:
        asyncio.run(square(1))
    except RuntimeError as e:
        print("RuntimeError", e)


coro = None
asyncio.run(nested())
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError", e)

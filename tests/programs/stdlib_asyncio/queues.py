# asyncio.Queue, PriorityQueue, LifoQueue: producers and consumers.
import asyncio


async def producer(q, items):
    for it in items:
        await q.put(it)
        await asyncio.sleep(0)


async def consumer(name, q, out):
    while True:
        item = await q.get()
        out.append((name, item))
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    out = []
    consumers = [asyncio.create_task(consumer(f"c{i}", q, out)) for i in range(2)]
    await producer(q, range(6))
    await q.join()
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
    print(sorted(item for _, item in out), q.empty(), q.qsize(), q.maxsize)

    pq = asyncio.PriorityQueue()
    for p in [5, 1, 4, 2, 3]:
        pq.put_nowait((p, f"prio{p}"))
    print([pq.get_nowait() for _ in range(pq.qsize())])

    lq = asyncio.LifoQueue()
    for i in range(4):
        await lq.put(i)
    print([await lq.get() for _ in range(4)])

    q = asyncio.Queue(1)
    q.put_nowait("x")
    print(q.full())
    try:
        q.put_nowait("y")
    except asyncio.QueueFull:
        print("QueueFull")
    q.get_nowait()
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    try:
        q.task_done()
        q.task_done()
    except ValueError as e:
        print("ValueError", e)

    # a get() that waits, then a put() wakes it
    q = asyncio.Queue()
    getter = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    print("getter done?", getter.done())
    await q.put("woken")
    print(await getter)

    # a put() waiting on a full queue
    q = asyncio.Queue(maxsize=1)
    await q.put(1)
    putter = asyncio.create_task(q.put(2))
    await asyncio.sleep(0)
    print("putter done?", putter.done(), q.qsize())
    print(await q.get(), await putter, await q.get())

    try:
        await asyncio.wait_for(q.get(), 0.01)
    except asyncio.TimeoutError:
        print("get timed out; queue still usable:", q.empty())
    print(repr(asyncio.Queue(3)).startswith("<Queue maxsize=3"))
    print(asyncio.Queue[int])


asyncio.run(main())

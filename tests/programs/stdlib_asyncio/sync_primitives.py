# Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier.
import asyncio

log = []


async def locked_worker(lock, n):
    async with lock:
        log.append(f"enter {n}")
        await asyncio.sleep(0.001)
        log.append(f"exit {n}")


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(locked_worker(lock, i) for i in range(3)))
    print(log)
    print(lock.locked())
    await lock.acquire()
    print(lock.locked(), "locked" in repr(lock))
    lock.release()
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError", e)

    ev = asyncio.Event()
    async def waiter(n):
        await ev.wait()
        return n
    waiters = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print("is_set", ev.is_set())
    ev.set()
    print(await asyncio.gather(*waiters), ev.is_set())
    ev.clear()
    print(ev.is_set())

    cond = asyncio.Condition()
    ready = []
    async def cond_waiter(n):
        async with cond:
            await cond.wait_for(lambda: n in ready)
            return f"w{n}"
    ws = [asyncio.create_task(cond_waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    for i in (2, 0, 1):
        async with cond:
            ready.append(i)
            cond.notify_all()
        await asyncio.sleep(0)
    print(await asyncio.gather(*ws))
    async with cond:
        t = asyncio.create_task(cond_waiter(7))
    await asyncio.sleep(0)
    async with cond:
        ready.append(7)
        cond.notify(1)
    print(await t)
    try:
        cond.notify()
    except RuntimeError as e:
        print("RuntimeError", e)

    sem = asyncio.Semaphore(2)
    active = []
    peak = []
    async def limited(n):
        async with sem:
            active.append(n)
            peak.append(len(active))
            await asyncio.sleep(0.005)
            active.remove(n)
    await asyncio.gather(*(limited(i) for i in range(5)))
    print("peak concurrency", max(peak), sem.locked())

    bsem = asyncio.BoundedSemaphore(1)
    await bsem.acquire()
    bsem.release()
    try:
        bsem.release()
    except ValueError as e:
        print("ValueError", e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError", e)

    barrier = asyncio.Barrier(3)
    async def at_barrier(n):
        pos = await barrier.wait()
        return pos
    print(sorted(await asyncio.gather(*(at_barrier(i) for i in range(3)))))
    print(barrier.n_waiting, barrier.broken)


asyncio.run(main())

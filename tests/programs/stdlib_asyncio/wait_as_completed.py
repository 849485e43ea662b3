# asyncio.wait (return_when), as_completed, wait with timeout.
import asyncio


async def job(n, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(f"job {n} failed")
    return n


async def main():
    tasks = [asyncio.create_task(job(i, 0.01 * (3 - i))) for i in range(3)]
    done, pending = await asyncio.wait(tasks)
    print(sorted(t.result() for t in done), pending)

    tasks = [asyncio.create_task(job(i, 0.02 * i)) for i in range(3)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print([t.result() for t in done], len(pending))
    await asyncio.wait(pending)

    tasks = [asyncio.create_task(job(0, 0.01)), asyncio.create_task(job(1, 0.02, fail=True)),
             asyncio.create_task(job(2, 0.2))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(sorted(repr(t.exception()) for t in done), len(pending))
    for t in pending:
        t.cancel()
    await asyncio.wait(pending)
    print([t.cancelled() for t in pending])

    tasks = [asyncio.create_task(job(i, 0.2 * i)) for i in range(1, 3)]
    done, pending = await asyncio.wait(tasks, timeout=0.01)
    print(len(done), len(pending))
    for t in pending:
        t.cancel()

    order = []
    for fut in asyncio.as_completed([job(i, 0.01 * (3 - i)) for i in range(3)]):
        order.append(await fut)
    print("as_completed order", order)

    try:
        for fut in asyncio.as_completed([job(9, 1)], timeout=0.02):
            await fut
    except asyncio.TimeoutError:
        print("as_completed timed out")

    try:
        await asyncio.wait([])
    except ValueError as e:
        print("ValueError", e)
    try:
        await asyncio.wait([asyncio.create_task(job(1, 0))], return_when="bogus")
    except ValueError as e:
        print("ValueError", e)
    coro = job(1, 0)
    try:
        await asyncio.wait([coro])
    except TypeError as e:
        print("TypeError", e)
    coro.close()


asyncio.run(main())

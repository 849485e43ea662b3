# asyncio.TaskGroup (3.11): results, failure cancels siblings, ExceptionGroup.
import asyncio


cancelled = []


def report_cancelled():
    print("cancelled:", sorted(cancelled))
    cancelled.clear()


async def work(n, delay, fail=None):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        # TaskGroup cancels its tasks in set order: print them sorted
        cancelled.append(n)
        raise
    if fail:
        raise fail
    print(f"work {n} done")
    return n * 10


async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(work(1, 0.2))
        t2 = tg.create_task(work(2, 0.01))
    print("results", t1.result(), t2.result())

    try:
        async with asyncio.TaskGroup() as tg:
            # 3 is cancelled before it fails: 0.5 s of slack
            tg.create_task(work(1, 1.0))
            tg.create_task(work(2, 0.01, ValueError("bad 2")))
            tg.create_task(work(3, 0.5, KeyError("bad 3")))
    except* ValueError as eg:
        print("ValueError group:", repr(eg.exceptions))
        report_cancelled()
    except* KeyError as eg:
        print("KeyError group:", repr(eg.exceptions))

    try:
        async with asyncio.TaskGroup() as tg:
            # both fail in the same loop iteration (sleep(0) is one yield, no
            # timer), before the group sees the first failure and cancels
            tg.create_task(work(1, 0, TypeError("t")))
            tg.create_task(work(2, 0, TypeError("u")))
    except ExceptionGroup as eg:
        print(type(eg).__name__, eg.message, sorted(str(e) for e in eg.exceptions))

    # the body raising cancels the children
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work(4, 1))
            await asyncio.sleep(0)
            raise RuntimeError("body")
    except* RuntimeError as eg:
        print("body error:", eg.exceptions)
        report_cancelled()

    tg = asyncio.TaskGroup()
    try:
        tg.create_task(work(0, 0))
    except RuntimeError as e:
        print("RuntimeError", e)
    async with tg:
        pass
    coro = work(0, 0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print("RuntimeError", e)
    coro.close()
    print(repr(tg))


asyncio.run(main())

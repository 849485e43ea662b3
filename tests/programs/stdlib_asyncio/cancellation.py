# Cancellation: CancelledError, cancel messages, uncancel, cancelling, shield.
import asyncio


async def sleeper(tag):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(tag, "got CancelledError", e.args)
        raise


async def swallow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("swallowed")
    return "survived"


async def main():
    t = asyncio.create_task(sleeper("t1"))
    await asyncio.sleep(0)
    print("cancel() ->", t.cancel())
    print("cancelling:", t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaiting a cancelled task raises", type(e).__name__, e.args)
    print(t.cancelled(), t.done(), t.cancel())

    t = asyncio.create_task(sleeper("t2"))
    await asyncio.sleep(0)
    t.cancel("with a message")
    try:
        await t
    except asyncio.CancelledError as e:
        print("message:", e.args)
    try:
        t.result()
    except asyncio.CancelledError as e:
        print("result() raises", e.args)
    try:
        t.exception()
    except asyncio.CancelledError as e:
        print("exception() raises", e.args)

    t = asyncio.create_task(swallow())
    await asyncio.sleep(0)
    t.cancel()
    print(await t, t.cancelled(), t.cancelling())

    # cancel before the task starts: the coroutine never runs
    t = asyncio.create_task(sleeper("never"))
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled before start")

    # uncancel
    async def uncancelling():
        task = asyncio.current_task()
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("cancelling", task.cancelling(), "uncancel ->", task.uncancel())
        await asyncio.sleep(0)
        return "went on"
    t = asyncio.create_task(uncancelling())
    await asyncio.sleep(0)
    t.cancel()
    t.cancel()
    print(await t)

    # shield: the inner task keeps running
    inner = asyncio.create_task(asyncio.sleep(0.02, result="inner done"))
    async def shielded():
        return await asyncio.shield(inner)
    outer = asyncio.create_task(shielded())
    await asyncio.sleep(0)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled; inner cancelled?", inner.cancelled())
    print(await inner)
    print(await asyncio.shield(asyncio.sleep(0, result="direct")))

    # a future cancelled with a message
    fut = asyncio.get_running_loop().create_future()
    fut.cancel(msg="fut msg")
    try:
        await fut
    except asyncio.CancelledError as e:
        print("future:", e.args)
    print(repr(fut))

    # CancelledError is a BaseException
    print(issubclass(asyncio.CancelledError, Exception), issubclass(asyncio.CancelledError, BaseException))

    # cancelling the main task inside asyncio.run
    async def cancel_me():
        asyncio.current_task().cancel()
        await asyncio.sleep(1)
    try:
        await cancel_me()
    except asyncio.CancelledError:
        print("self-cancel")
        asyncio.current_task().uncancel()


asyncio.run(main())


async def top():
    asyncio.current_task().cancel()
    await asyncio.sleep(0)


try:
    asyncio.run(top())
except asyncio.CancelledError:
    print("asyncio.run re-raises CancelledError")

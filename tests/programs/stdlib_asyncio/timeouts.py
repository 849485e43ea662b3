# wait_for, asyncio.timeout and timeout_at (3.11): TimeoutError and cancellation.
import asyncio


async def slow(tag, delay=10):
    try:
        await asyncio.sleep(delay)
        return tag
    except asyncio.CancelledError:
        print(tag, "was cancelled")
        raise


async def main():
    try:
        await asyncio.wait_for(slow("wf"), timeout=0.05)
    except asyncio.TimeoutError as e:
        print("wait_for timed out:", type(e).__name__, e.args, isinstance(e, TimeoutError))
    print(await asyncio.wait_for(slow("fast", 0.01), timeout=1))
    print(await asyncio.wait_for(slow("none", 0.01), timeout=None))
    try:
        await asyncio.wait_for(slow("zero"), timeout=0)
    except TimeoutError:
        print("timeout=0 raises TimeoutError")

    try:
        async with asyncio.timeout(0.05) as cm:
            print("expired?", cm.expired())
            await slow("ctx")
    except TimeoutError as e:
        print("timeout() raised TimeoutError", e.args, cm.expired())
        print("context is CancelledError:", type(e.__context__).__name__)

    async with asyncio.timeout(1) as cm:
        await asyncio.sleep(0.01)
    print("no timeout, expired:", cm.expired())

    async with asyncio.timeout(None) as cm:
        print("when:", cm.when())
        cm.reschedule(asyncio.get_running_loop().time() + 0.03)
        try:
            await slow("resched")
        except asyncio.CancelledError:
            print("not reached")
    print("unreachable")


async def outer():
    try:
        await main()
    except TimeoutError:
        print("rescheduled timeout expired")
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() + 0.02):
            await slow("at")
    except TimeoutError:
        print("timeout_at expired")
    try:
        async with asyncio.timeout(0.02) as cm:
            async with asyncio.timeout(5):
                await slow("inner")
    except TimeoutError:
        print("outer timeout fired", cm.expired())
    # A timeout reached while a wait_for inside awaited: innermost raises.
    try:
        async with asyncio.timeout(5):
            await asyncio.wait_for(slow("wfi"), 0.02)
    except TimeoutError:
        print("inner wait_for raised TimeoutError")
    t = asyncio.timeout(1)
    print(repr(t).startswith("<Timeout [created]"))


asyncio.run(outer())

# async generators, async for / async with, async comprehensions, aclose on loop exit.
import asyncio
import contextlib


async def ticker(n, delay=0):
    try:
        for i in range(n):
            await asyncio.sleep(delay)
            yield i
    finally:
        print(f"ticker({n}) finalized")


class AsyncCM:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await asyncio.sleep(0)
        print("enter", self.name)
        return self

    async def __aexit__(self, et, e, tb):
        await asyncio.sleep(0)
        print("exit", self.name, et.__name__ if et else None)
        return et is KeyError


class AsyncIter:
    def __init__(self, n):
        self.i, self.n = 0, n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0)
        return self.i


@contextlib.asynccontextmanager
async def managed(tag):
    print("acquire", tag)
    try:
        yield tag.upper()
    finally:
        print("release", tag)


async def main():
    async for i in ticker(3):
        print("tick", i)
    print([i async for i in ticker(4) if i % 2])
    print([x async for x in AsyncIter(3)])
    async with AsyncCM("a") as cm:
        print("inside", cm.name)
    async with AsyncCM("b"):
        raise KeyError("suppressed")
    try:
        async with AsyncCM("c"):
            raise ValueError("propagates")
    except ValueError as e:
        print("caught", e)
    async with managed("res") as r:
        print("got", r)
    async with contextlib.AsyncExitStack() as stack:
        print(await stack.enter_async_context(managed("s1")))
        print(await stack.enter_async_context(managed("s2")))

    # break out of async for: the generator stays suspended until aclose
    agen = ticker(10)
    async for i in agen:
        if i == 1:
            break
    print("after break")
    await agen.aclose()

    # asend / athrow
    async def echo():
        received = None
        while True:
            try:
                received = yield received
            except ValueError as e:
                received = f"thrown {e}"
    g = echo()
    print(await g.asend(None), await g.asend("hi"), await g.athrow(ValueError("v")))
    await g.aclose()
    print(await anext(AsyncIter(1)), await anext(ticker(0), "default"))

    # a generator left suspended is finalized by asyncio.run's shutdown_asyncgens
    global left
    left = ticker(5)
    print(await left.__anext__())
    print(asyncio.get_running_loop()._asyncgens.__len__())


asyncio.run(main())
print("loop closed")

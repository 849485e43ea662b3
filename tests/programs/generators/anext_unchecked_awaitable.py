# anext() returns what __anext__ returns without checking it: awaiting a bad
# awaitable (with or without a default) is what raises TypeError.


class BadAwaitable:
    def __await__(self):
        return 42


class BadIter:
    def __aiter__(self):
        return self

    def __anext__(self):
        return BadAwaitable()


class IterAnext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return iter("abc")


async def agen():
    yield 1


async def main():
    for cls in (BadIter, IterAnext):
        a = anext(cls())
        print(type(a).__name__)
        for awaitable in (a, anext(cls(), "default")):
            try:
                await awaitable
            except TypeError as e:
                print("TypeError", e)
    g = agen()
    print(await anext(g), await anext(g, "done"))
    try:
        await anext(g)
    except StopAsyncIteration:
        print("StopAsyncIteration")


coro = main()
try:
    coro.send(None)
except StopIteration:
    print("finished")
for bad in (1, [], None):
    try:
        anext(bad)
    except TypeError as e:
        print("TypeError", e)

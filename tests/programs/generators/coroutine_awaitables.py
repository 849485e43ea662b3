# Awaitable objects: __await__, awaiting non-awaitables, coroutine reuse.
class Value:
    def __init__(self, v): self.v = v
    def __await__(self):
        if False:
            yield
        return self.v
class Ticks:
    def __init__(self, n): self.n = n
    def __await__(self):
        for i in range(self.n):
            yield f"tick {i}"
        return "ticked"
def drive(coro):
    out = []
    try:
        while True:
            out.append(coro.send(None))
    except StopIteration as e:
        out.append(("result", e.value))
    return out
async def use():
    a = await Value(5)
    b = await Ticks(2)
    return a, b
print(drive(use()))
async def bad_await():
    await 5
try:
    drive(bad_await())
except TypeError as e:
    print("TypeError:", e)
class BadAwait:
    def __await__(self):
        return 5
async def bad2():
    await BadAwait()
try:
    drive(bad2())
except TypeError as e:
    print("TypeError:", e)
async def inner():
    return "inner value"
async def reuse():
    c = inner()
    first = await c
    try:
        await c
    except RuntimeError as e:
        return first, str(e)
print(drive(reuse()))
class AwaitGen:
    def __await__(self):
        return iter(["from", "iterator"])
async def await_iter():
    return await AwaitGen()
print(drive(await_iter()))
async def returns_awaitable():
    return Value(1)
print(drive(returns_awaitable())[0][1].__class__.__name__)

# Exceptions across awaits: propagation, chaining, finally, async with cleanup.
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
class Tick:
    def __await__(self):
        yield
async def leaf(n):
    await Tick()
    if n == 0:
        raise ValueError("leaf failed")
    return n
async def middle(n):
    try:
        return await leaf(n)
    finally:
        print("middle finally", n)
async def top():
    results = []
    for n in [2, 0, 1]:
        try:
            results.append(await middle(n))
        except ValueError as e:
            results.append("error: " + str(e))
    return results
print(run(top()))
async def chained():
    try:
        await leaf(0)
    except ValueError as e:
        raise RuntimeError("wrapped") from e
try:
    run(chained())
except RuntimeError as e:
    print(repr(e), repr(e.__cause__))
class Res:
    async def __aenter__(self):
        await Tick()
        return self
    async def __aexit__(self, *exc):
        await Tick()
        print("aexit with", exc[0].__name__ if exc[0] else None)
        return False
async def uses_resource():
    async with Res():
        await leaf(0)
try:
    run(uses_resource())
except ValueError as e:
    print("propagated out of async with:", e)
async def agen_raises():
    yield 1
    raise KeyError("agen")
async def consume():
    got = []
    try:
        async for v in agen_raises():
            got.append(v)
    except KeyError as e:
        got.append(repr(e))
    return got
print(run(consume()))
async def stop_iteration_inside():
    raise StopIteration("bad")
try:
    run(stop_iteration_inside())
except RuntimeError as e:
    print("RuntimeError:", e)

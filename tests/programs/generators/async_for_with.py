# async for and async with with hand-written protocols.
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
class Step:
    def __await__(self):
        yield
class AsyncRange:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        self.i = 0
        return self
    async def __anext__(self):
        await Step()
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i - 1
class AsyncResource:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    async def __aenter__(self):
        await Step()
        print("aenter", self.name)
        return self.name.upper()
    async def __aexit__(self, et, ev, tb):
        await Step()
        print("aexit", self.name, et.__name__ if et else None)
        return self.suppress
async def main():
    total = 0
    async for i in AsyncRange(5):
        total += i
    print("sum", total)
    async for i in AsyncRange(10):
        if i == 2:
            continue
        if i == 4:
            break
        print("item", i)
    else:
        print("not reached")
    async for i in AsyncRange(0):
        print("never")
    else:
        print("async for else")
    async with AsyncResource("db") as r:
        print("using", r)
    async with AsyncResource("a") as a, AsyncResource("b") as b:
        print("using both", a, b)
    async with AsyncResource("quiet", suppress=True):
        raise ValueError("suppressed")
    try:
        async with AsyncResource("loud"):
            raise KeyError("propagates")
    except KeyError as e:
        print("caught", repr(e))
    return "main done"
print(run(main()))
async def bad_for():
    async for x in [1, 2]:
        pass
try:
    run(bad_for())
except TypeError as e:
    print("TypeError:", e)
async def bad_with():
    async with AsyncRange(1):
        pass
try:
    run(bad_with())
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)

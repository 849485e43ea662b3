# Async generators driven manually via __anext__() and asend().
def run(aw):
    try:
        aw.send(None)
    except StopIteration as e:
        return e.value
    raise RuntimeError("awaitable suspended unexpectedly")
async def ticker(n):
    for i in range(n):
        yield i * 10
    print("ticker body finished")
ag = ticker(3)
print(type(ag).__name__, ag.__name__, ag.__qualname__)
print(run(ag.__anext__()), run(ag.__anext__()), run(ag.__anext__()))
try:
    run(ag.__anext__())
except StopAsyncIteration as e:
    print("StopAsyncIteration", repr(e))
async def echo():
    received = []
    while True:
        x = yield received[:]
        if x is None:
            return
        received.append(x)
e = echo()
print(run(e.asend(None)))
print(run(e.asend("a")), run(e.asend("b")))
try:
    run(e.asend(None))
except StopAsyncIteration:
    print("echo finished")
async def with_cleanup():
    try:
        yield 1
        yield 2
    finally:
        print("async gen cleanup")
w = with_cleanup()
print(run(w.__anext__()))
run(w.aclose())
print("aclosed")
async def catcher():
    while True:
        try:
            yield "waiting"
        except ValueError as err:
            yield "caught " + str(err)
c = catcher()
print(run(c.__anext__()))
print(run(c.athrow(ValueError("boom"))))
run(c.aclose())
async def collect(agen):
    out = []
    async for v in agen:
        out.append(v)
    return out
print(run(collect(ticker(4))))
print(ag.__aiter__() is ag, hasattr(ag, "__anext__"))

# async def / await driven manually with .send(None).
class Suspend:
    """An awaitable that suspends once, yielding a value to the driver."""
    def __init__(self, value):
        self.value = value
    def __await__(self):
        received = yield self.value
        return received
def run(coro, replies=None):
    replies = list(replies or [])
    yielded = []
    value = None
    try:
        while True:
            yielded.append(coro.send(value))
            value = replies.pop(0) if replies else None
    except StopIteration as e:
        return e.value, yielded
async def add(a, b):
    return a + b
async def compute():
    x = await add(1, 2)
    y = await add(x, 10)
    return x * y
print(run(compute()))
async def talk():
    a = await Suspend("first")
    b = await Suspend("second")
    return (a, b)
print(run(talk(), ["reply1", "reply2"]))
c = add(2, 3)
print(type(c).__name__, c.__name__, c.__qualname__)
try:
    c.send(None)
except StopIteration as e:
    print("done with", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
async def nested(n):
    if n == 0:
        return await Suspend("bottom")
    return 1 + await nested(n - 1)
print(run(nested(3), [100]))
async def failing():
    await Suspend("before failure")
    raise ValueError("coroutine failed")
try:
    run(failing())
except ValueError as e:
    print("ValueError:", e)
async def catches():
    try:
        await failing()
    except ValueError as e:
        return "caught inside: " + str(e)
print(run(catches()))
async def no_await():
    return "plain"
print(run(no_await()))

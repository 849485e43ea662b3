# Coroutine object attributes and the __await__ wrapper.
class Pause:
    def __await__(self):
        yield "p"
        return "resumed"
async def sample(x):
    r = await Pause()
    return (x, r)
c = sample(1)
print(type(c).__name__, c.__name__, c.__qualname__, c.cr_code.co_name)
print(c.cr_running, c.cr_await, c.cr_frame is not None, c.cr_suspended)
print(c.send(None))
print(c.cr_await is not None, c.cr_suspended)
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
print(c.cr_frame, c.cr_await)
w = sample(2).__await__()
print(type(w).__name__, iter(w) is w)
print(next(w))
try:
    next(w)
except StopIteration as e:
    print("wrapper result", e.value)
class A:
    async def method(self):
        return "method"
m = A().method()
print(m.__qualname__)
try:
    m.send(None)
except StopIteration as e:
    print(e.value)
async def agen():
    yield 1
ag = agen()
print(type(ag).__name__, ag.ag_running, ag.ag_code.co_name, ag.ag_frame is not None)
nc = sample(3)
try:
    next(nc)
except TypeError as e:
    print("TypeError:", e)
try:
    iter(nc)
except TypeError as e:
    print("TypeError:", e)
nc.close()
print("closed unstarted coroutine")

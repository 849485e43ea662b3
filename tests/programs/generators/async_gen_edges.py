# Edge cases of async generators driven by hand.
def run(aw):
    try:
        while True:
            aw.send(None)
    except StopIteration as e:
        return e.value
class Tick:
    def __await__(self):
        yield
async def agen_with_await():
    for i in range(3):
        await Tick()
        yield i
async def collect(ag):
    return [x async for x in ag]
print(run(collect(agen_with_await())))
async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "refuse to close"
s = stubborn()
print(run(s.__anext__()))
try:
    run(s.aclose())
except RuntimeError as e:
    print("RuntimeError:", e)
async def simple():
    yield "only"
a = simple()
try:
    run(a.asend("value before start"))
except TypeError as e:
    print("TypeError:", e)
a2 = simple()
try:
    run(a2.athrow(ValueError("unstarted")))
except ValueError as e:
    print("athrow on unstarted raises:", e)
print(run(collect(a2)))
async def returns_early():
    yield 1
    return
    yield 2
print(run(collect(returns_early())))
async def fin():
    try:
        yield "a"
        yield "b"
    finally:
        print("finally on aclose")
f = fin()
print(run(f.__anext__()))
print(run(f.aclose()))
print(run(f.aclose()))
try:
    run(f.__anext__())
except StopAsyncIteration:
    print("StopAsyncIteration after aclose")
async def anext_default():
    ag = simple()
    first = await anext(ag)
    second = await anext(ag, "default")
    return first, second
print(run(anext_default()))
async def aiter_builtin():
    ag = agen_with_await()
    it = aiter(ag)
    return it is ag, [x async for x in it]
print(run(aiter_builtin()))

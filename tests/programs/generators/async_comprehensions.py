# Async comprehensions and await inside comprehensions.
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
async def agen(n):
    for i in range(n):
        yield i
async def double(x):
    return x * 2
async def main():
    a = [x async for x in agen(5)]
    b = [x async for x in agen(10) if x % 3 == 0]
    c = {x: x * x async for x in agen(4)}
    d = {x % 2 async for x in agen(6)}
    e = [await double(x) for x in range(4)]
    f = [await double(x) async for x in agen(3)]
    g = [(x, y) async for x in agen(3) for y in range(x)]
    h = (x async for x in agen(3))
    hs = [v async for v in h]
    return a, b, c, d, e, f, g, hs, type(h).__name__
for item in run(main()):
    print(item)

import gc
import weakref
gc.disable()
gc.collect()
class Suspend:
    def __await__(self):
        yield "suspended"
log = []
async def worker(box):
    try:
        await Suspend()
    finally:
        log.append("worker finally")
class Box:
    pass
b = Box()
b.coro = worker(b)
print(b.coro.send(None))
r = weakref.ref(b.coro)
del b
print("before collect", log, r() is not None)
print("collect", gc.collect())
print("after collect", log, r() is None)
async def never_awaited():
    pass
c = never_awaited()
c.close()
del c
print("closed coroutine", gc.collect())
async def agen(box):
    try:
        yield 1
        yield 2
    finally:
        log.append("async generator finally")
b = Box()
b.ag = agen(b)
try:
    b.ag.__anext__().send(None)
except StopIteration as e:
    print("first value", e.value)
del b
print("async generator collect", gc.collect())
print(log)

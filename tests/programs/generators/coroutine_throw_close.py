# throw() and close() on coroutines; try/finally inside coroutines.
class Pause:
    def __await__(self):
        x = yield "paused"
        return x
async def guarded():
    try:
        v = await Pause()
        return "normal " + str(v)
    except KeyError as e:
        return "handled " + repr(e)
    finally:
        print("coroutine finally")
c = guarded()
print(c.send(None))
try:
    c.throw(KeyError("k"))
except StopIteration as e:
    print("result:", e.value)
c = guarded()
print(c.send(None))
c.close()
print("closed; cr_frame is None:", c.cr_frame is None)
async def unguarded():
    await Pause()
    await Pause()
c = unguarded()
c.send(None)
try:
    c.throw(ValueError("thrown in"))
except ValueError as e:
    print("propagated:", e)
async def outer():
    try:
        return await guarded()
    finally:
        print("outer finally")
c = outer()
print(c.send(None))
try:
    c.send(42)
except StopIteration as e:
    print("result:", e.value)
c = outer()
c.send(None)
try:
    c.throw(KeyError("deep"))
except StopIteration as e:
    print("result through two levels:", e.value)
print(type(c).__name__, c.cr_running, c.cr_code.co_name)

import gc
import weakref
class R:
    def __init__(self, name):
        self.name = name
def report(*args, **kwargs):
    print("finalizer called", args, sorted(kwargs.items()))
    return "result"
r = R("one")
f = weakref.finalize(r, report, "one", key="value")
print("alive", f.alive, f.atexit)
print("peek", f.peek()[0] is r, f.peek()[1] is report, f.peek()[2:])
del r
print("after del", f.alive, f(), f.peek(), f.detach())
r2 = R("two")
f2 = weakref.finalize(r2, report, "two")
print("call now", f2())
print("called again", f2())
del r2
print("no second call")
r3 = R("three")
f3 = weakref.finalize(r3, report, "three")
obj, func, args, kwargs = f3.detach()
print("detached", obj is r3, func is report, args, kwargs, f3.alive)
del r3, obj
print("detached finalizer did not run")
gc.disable()
r4 = R("cycle"); r4.me = r4
f4 = weakref.finalize(r4, report, "four")
del r4
print("before collect", f4.alive)
gc.collect()
print("after collect", f4.alive)
gc.enable()
r5 = R("exit")
f5 = weakref.finalize(r5, print, "finalize at exit (atexit=True)")
r6 = R("no exit")
f6 = weakref.finalize(r6, print, "never printed")
f6.atexit = False
order = []
r7 = R("many")
for i in range(3):
    weakref.finalize(r7, order.append, i)
del r7
print("several finalizers", order)
print("end of program")

import gc
gc.disable()
gc.collect()
events = []
def cb(phase, info):
    events.append((phase, dict(info)))
gc.callbacks.append(cb)
class C:
    pass
c = C(); c.me = c
del c
print("collected", gc.collect())
for phase, info in events:
    print(phase, sorted(info.items()))
events.clear()
gc.collect(0)
gc.collect(1)
print([(p, i["generation"]) for p, i in events])
events.clear()
def second(phase, info):
    print("second callback", phase, info["generation"])
gc.callbacks.append(second)
gc.collect(2)
print("order", [p for p, i in events])
gc.callbacks.remove(second)
def failing(phase, info):
    raise ValueError("callback failed in " + phase)
import sys
seen = []
sys.unraisablehook = lambda u: seen.append((u.exc_type.__name__, str(u.exc_value), u.object is failing))
gc.callbacks.insert(0, failing)
events.clear()
gc.collect()
print("failures reported", seen)
print("later callbacks still ran", [p for p, i in events])
gc.callbacks.clear()
print("callbacks is a list", type(gc.callbacks).__name__, gc.callbacks)
def collecting(phase, info):
    if phase == "start":
        print("collect inside a callback returns", gc.collect())
gc.callbacks.append(collecting)
gc.collect()
gc.callbacks.clear()

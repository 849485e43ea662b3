import gc
saved = []
class R:
    def __del__(self):
        print("__del__ runs once")
        saved.append(self)
r = R()
del r
print("resurrected", len(saved))
obj = saved.pop()
del obj
print("second death is silent")
class Cyc:
    def __del__(self):
        print("cyclic __del__")
        saved.append(self)
c = Cyc(); c.me = c
del c
print("collected", gc.collect())
print("still alive", len(saved), saved[0].me is saved[0])
print("is_finalized", gc.is_finalized(saved[0]))
saved.clear()
print("collected again", gc.collect())

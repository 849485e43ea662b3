import gc
import sys
saved = []
class Phoenix:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
        saved.append(self)
p = Phoenix("one")
del p
print("resurrected:", [x.name for x in saved])
print("refcount", sys.getrefcount(saved[0]))
saved.clear()
print("cleared without a second __del__")
p = Phoenix("two")
p = None
q = saved.pop()
print("got back", q.name, gc.is_finalized(q))
del q
print("gone for good")
class Counter:
    dels = 0
    def __del__(self):
        Counter.dels += 1
        if Counter.dels < 3:
            global keep
            keep = self
keep = Counter()
for i in range(4):
    keep = None
print("__del__ ran", Counter.dels, "time(s)")

import gc
import weakref
gc.disable()
gc.collect()
log = []
class F:
    def __init__(self, name):
        self.name = name
        self.refs = []
    def __del__(self):
        log.append(self.name)
        # every member of the cycle is still intact while finalizers run
        log.append(sorted(r.name for r in self.refs))
class Plain:
    def __init__(self, name):
        self.name = name
        self.refs = []
a, b, c = F("a"), F("b"), Plain("c")
a.refs.append(b); b.refs.append(c); c.refs.append(a)
w = weakref.ref(c)
del a, b, c
n = gc.collect()
print("collected", n)
print("finalizers saw", sorted(map(str, log)))
print("weakref cleared", w() is None)
print("garbage", gc.garbage)
log.clear()
x = F("x"); x.refs.append(x)
del x
print("self cycle", gc.collect(), log)
class G:
    def __del__(self):
        print("G finalizer: gc is running?", gc.isenabled())
g = G(); g.me = g
del g
gc.collect()
print("end")

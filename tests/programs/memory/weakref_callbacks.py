import weakref
class T:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return "T(%s)" % self.name
log = []
def cb(tag):
    def callback(ref):
        log.append((tag, ref() is None, type(ref).__name__))
    return callback
t = T("a")
r1 = weakref.ref(t, cb("first"))
r2 = weakref.ref(t, cb("second"))
r3 = weakref.ref(t)
r4 = weakref.ref(t, cb("third"))
print("refs", weakref.getweakrefcount(t), r3 is weakref.ref(t), r1 is r2)
del t
print("callbacks", log)
log.clear()
# a callback only runs when its weakref is still alive
t = T("b")
r = weakref.ref(t, cb("dropped ref"))
del r
del t
print("dead ref, no callback", log)
# the callback receives the weakref itself
t = T("c")
got = []
rr = weakref.ref(t, got.append)
del t
print("callback got its ref", got[0] is rr)
# __callback__
t = T("d")
f = cb("attr")
r = weakref.ref(t, f)
print("__callback__", r.__callback__ is f, weakref.ref(t).__callback__)
del t
print("after death __callback__", r.__callback__)
# callbacks run in the order CPython keeps its list: newest first
order = []
t = T("e")
refs = [weakref.ref(t, lambda r, i=i: order.append(i)) for i in range(5)]
del t
print("order", order)
# callback that makes a new object and a new weakref
t = T("f")
def make_more(ref):
    global extra
    extra = T("extra")
    print("in callback, made", extra)
r = weakref.ref(t, make_more)
del t
print("extra", extra)

import gc
import weakref
gc.disable()
gc.collect()
class T:
    def __init__(self, name):
        self.name = name
log = []
a = T("a")
b = T("b")
a.other = b
b.other = a
ra = weakref.ref(a, lambda r: log.append("callback a"))
rb = weakref.ref(b, lambda r: log.append("callback b"))
del a, b
print("before", log)
print("collect", gc.collect())
print("after", sorted(log), ra(), rb())
# a weakref that is itself part of the garbage gets no callback
log.clear()
c = T("c")
c.self_ref = weakref.ref(c, lambda r: log.append("never"))
c.me = c
del c
print("collect", gc.collect(), log)
# callbacks see the referent gone; finalizers see it intact
class F(T):
    def __del__(self):
        log.append("__del__ " + self.name)
log.clear()
f = F("f")
f.me = f
rf = weakref.ref(f, lambda r: log.append("callback f, dead: %s" % (r() is None)))
del f
gc.collect()
print(log)
# a callback that resurrects nothing but allocates
log.clear()
objs = [T(str(i)) for i in range(3)]
for o in objs:
    o.me = o
refs = [weakref.ref(o, lambda r, i=o.name: log.append(i)) for o in objs]
del objs, o
gc.collect()
print(sorted(log))
gc.enable()

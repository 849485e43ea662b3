import gc
import weakref
gc.disable()
gc.collect()
def gen_holding_itself():
    me = yield
    yield me
g = gen_holding_itself()
next(g)
g.send(g)
r = weakref.ref(g)
del g
print("suspended generator in a cycle", r() is not None, gc.collect(), r() is None)
def with_finally(log):
    try:
        yield 1
        yield 2
    finally:
        log.append("finally ran")
log = []
class Box:
    pass
b = Box()
b.gen = with_finally(log)
b.gen.gi_frame.f_locals
next(b.gen)
b.me = b
del b
print("before collect", log)
print("collect", gc.collect())
print("after collect", log)
log2 = []
g = with_finally(log2)
next(g)
del g
print("plain generator closed on release", log2)
def counter():
    n = 0
    while True:
        n += 1
        yield n
c = counter()
next(c)
c_ref = weakref.ref(c)
holder = [c]
holder.append(holder)
del c, holder
print("generator in a list cycle", gc.collect(), c_ref() is None)
def gen_expr_cycle():
    lst = [1, 2]
    ge = (x for x in lst)
    next(ge)
    lst.append(ge)
    return weakref.ref(ge)
r = gen_expr_cycle()
print("generator expression cycle", gc.collect(), r() is None)

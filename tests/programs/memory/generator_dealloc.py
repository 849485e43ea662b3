# Generators freed on the container allocation path: a suspended one is
# closed by its finalizer (its finally runs) before it is freed, a finished
# or never-started one is freed at once, its frame object outlives it,
# weakrefs see it die, and freeing thousands nested in tuples (the
# trashcan) closes every one.
import gc
import sys
import weakref

log = []


def gen(tag):
    try:
        yield 1
        yield 2
    finally:
        log.append(tag)


g = gen("suspended")
next(g)
del g
print("after del suspended:", log)

g = gen("finished")
print(list(g))
del g
print("after del finished:", log)

g = gen("never started")
del g
print("after del never started:", log)


def keeps_locals():
    a = "local value"
    yield a


g = keeps_locals()
next(g)
fr = g.gi_frame
del g
print("frame after generator freed:", fr.f_locals, fr.f_lineno > 0)

dead = []
g = gen("weakref")
r = weakref.ref(g, lambda w: dead.append("callback"))
next(g)
del g
print("weakref:", r(), dead, log[-1])

chain = None
for i in range(5000):
    g = gen(i)
    next(g)
    chain = (chain, g)
del g
before = len(log)
del chain
print("nested closed:", len(log) - before, sorted(log[before:])[:3], log[-1])


def cyc():
    me = yield
    try:
        yield
    finally:
        log.append("cycle")


g = cyc()
next(g)
g.send(g)
del g
print("cycle before collect:", log[-1])
gc.collect()
print("cycle after collect:", log[-1])

# A generator object per iteration of a loop, made and exhausted.
total = 0
for i in range(10000):
    for v in gen(None):
        total += v
print("total:", total, log.count(None))
print("refcount of a fresh generator:", sys.getrefcount(gen("rc")) - 1)

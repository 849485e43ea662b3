# A dropped generator is closed only when it is suspended; one that finished
# or never started is freed with nothing to do; a coroutine never awaited warns.
import gc
import sys
import warnings

log = []

def g():
    try:
        yield 1
        yield 2
    finally:
        log.append("finally")

# Finished: the finally ran while it finished, not again when freed.
for x in g():
    pass
print(log)
log.clear()

# Suspended: closing it runs the finally when the last reference goes.
it = g()
next(it)
del it
print(log)
log.clear()

# Never started: nothing to run.
it = g()
del it
print(log)

# Closed explicitly, then freed.
it = g()
next(it)
it.close()
print(log)
log.clear()
del it
print(log)

# A generator that raised is finished.
def bad():
    yield 1
    raise ValueError("boom")

b = bad()
next(b)
try:
    next(b)
except ValueError as e:
    print("raised", e)
del b

# gc.is_finalized of a live, finished generator: its finalizer has not run.
fin = g()
for _ in fin:
    pass
print("is_finalized", gc.is_finalized(fin))
del fin
log.clear()

# A suspended generator in a cycle is closed by the collector.
class Holder:
    pass

h = Holder()
h.gen = g()
h.gen_ref = h
next(h.gen)
del h
gc.collect()
print(log)
log.clear()

# A coroutine never awaited warns when it is dropped.
async def coro():
    return 1

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = coro()
    del c
    gc.collect()
    print([str(x.message) for x in w])

# A coroutine that was run to its end does not warn.
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = coro()
    try:
        c.send(None)
    except StopIteration as e:
        print("returned", e.value)
    del c
    gc.collect()
    print([str(x.message) for x in w])

# Many generators made and dropped in a loop (frames from the small-object pools).
total = 0
for i in range(2000):
    def counter(n):
        for k in range(n):
            yield k
    total += sum(counter(i % 7))
    partial = counter(5)
    next(partial)
print(total)

# A generator with a large frame (70 locals: a block bigger than the
# small-object pools' largest comes from the system allocator).
names = ["v%d" % i for i in range(70)]
src = "def big():\n" + "".join("    %s = %d\n" % (n, i) for i, n in enumerate(names))
src += "    yield " + " + ".join(names) + "\n    yield v69\n"
ns = {}
exec(src, ns)
print(list(ns["big"]()))
suspended = ns["big"]()
print(next(suspended))
del suspended

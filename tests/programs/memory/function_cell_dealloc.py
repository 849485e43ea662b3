# Functions and cells freed on the container path: a function's __dict__
# is released with it (after its weakrefs are cleared), cells release
# their contents, and a weakref callback on a function sees it dead.
import gc
import weakref


class Noisy:
    def __init__(self, name, log):
        self.name, self.log = name, log

    def __del__(self):
        self.log.append("del " + self.name)


def make(log):
    held = Noisy("cell", log)

    def f():
        return held

    f.attr = Noisy("dict", log)
    return f


log = []
f = make(log)
r = weakref.ref(f, lambda ref: log.append("callback, alive: %s" % (ref() is not None)))
print(f().name, f.attr.name, f.__dict__.keys())
del f
print(log)
print(r())

# Many functions with closures and attributes, made and dropped.
log2 = []
for i in range(2000):
    g = make(log2)
    g.extra = i
print(len(log2), log2[:4])
del g
print(len(log2))

# A function in a cycle through its own __dict__ is collected.
log3 = []
h = make(log3)
h.me = h
wr = weakref.ref(h)
del h
gc.collect()
print(wr() is None, sorted(log3))

# Function attributes survive while the function lives.
def k():
    pass
k.a = [1, 2]
k.__dict__["b"] = "x"
print(k.a, k.b, sorted(vars(k)))

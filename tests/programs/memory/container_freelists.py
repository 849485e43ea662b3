# Exact tuples, lists, dicts and bound methods take a short allocation and
# deallocation path (size classes, no finalizer queue; dict tables are
# recycled through a keys free list). Their behaviour must not change:
# refcounts, gc tracking, weakref callbacks, destructor order, deep nesting.
import gc
import sys
import weakref


class Noisy:
    def __init__(self, name, log):
        self.name = name
        self.log = log

    def __del__(self):
        self.log.append(self.name)


def tuples():
    for n in (0, 1, 2, 5, 20, 31, 32, 33, 100, 1000):
        t = tuple(range(n))
        u = tuple(list(t))
        print(n, len(t), t == u, sum(t), t[-1:] if n else t, hash(t) == hash(u))
    x = object()
    before = sys.getrefcount(x)
    ts = [(x, x, x) for _ in range(50)]
    print("refs held by 50 3-tuples", sys.getrefcount(x) - before)
    del ts
    print("refs after", sys.getrefcount(x) - before)
    log = []
    t = (Noisy("a", log), Noisy("b", log), Noisy("c", log))
    del t
    print("tuple items die last first", log)
    one = 1
    print("new tuple of atoms tracked", gc.is_tracked((one, 2)), gc.is_tracked(([],)))
    a = [1]
    t = (a, 2, "s")
    print("referents", gc.get_referents(t) == [a, 2, "s"] or gc.get_referents(t))
    print("sizeof grows by 8 per item", (5, 6, 7).__sizeof__() - (5, 6).__sizeof__())


def lists():
    log = []
    l = [Noisy(str(i), log) for i in range(4)]
    del l
    print("list items die last first", log)
    x = object()
    before = sys.getrefcount(x)
    ls = [[x] for _ in range(100)]
    print("refs held by 100 lists", sys.getrefcount(x) - before)
    del ls
    print("refs after", sys.getrefcount(x) - before)
    print("list tracked", gc.is_tracked([]))


def dicts():
    log = []
    d = {"a": Noisy("va", log), "b": Noisy("vb", log), "c": Noisy("vc", log)}
    del d
    print("dict values die in order", log)
    x = object()
    before = sys.getrefcount(x)
    ds = [{"k": x, i: x} for i in range(100)]
    print("refs held by 100 dicts", sys.getrefcount(x) - before)
    del ds
    print("refs after", sys.getrefcount(x) - before)
    # Recycled tables must start empty, whatever the last dict held.
    for i in range(300):
        d = {"a": i, "b": i, "c": i, "d": i, "e": i}
        del d["a"], d["c"]
        d["f"] = i
        if i % 3 == 0:
            d.clear()
        e = {}
        e[i] = i
        if len(e) != 1 or e.get("a") is not None or list(e) != [i]:
            print("stale table", i, e)
    e = {}
    print("empty dict", e, len(e), e.get("a"))
    e = dict.fromkeys("abcde")
    e.update(dict.fromkeys("fghij"))
    print(list(e))
    for k in "abcdefghi":
        del e[k]
    print(e)
    print("dict tracking", gc.is_tracked({}), gc.is_tracked({"a": 1}), gc.is_tracked({"a": []}))


class K:
    def m(self):
        return "m"


def methods():
    k = K()
    before = sys.getrefcount(k)
    ms = [k.m for _ in range(20)]
    print("refs held by 20 bound methods", sys.getrefcount(k) - before)
    del ms
    print("refs after", sys.getrefcount(k) - before)
    seen = []
    m = k.m
    r = weakref.ref(m, lambda w: seen.append("callback"))
    print(r() is m, r()())
    del m
    print("weakref dead", r() is None, seen)


def subclasses():
    class T(tuple):
        pass

    class L(list):
        pass

    class D(dict):
        pass

    t = T((1, 2))
    t.attr = "x"
    l = L([1])
    l.attr = "y"
    d = D(a=1)
    d.attr = "z"
    print(t, t.attr, l, l.attr, d, d.attr)
    log = []

    class TD(tuple):
        def __del__(self):
            log.append("tuple subclass finalized")

    x = TD((1,))
    del x
    print(log)


def deep():
    d = {}
    for i in range(100_000):
        d = {"next": d}
    del d
    print("freed dicts nested 100,000 deep")
    l = []
    for i in range(100_000):
        l = [l]
    del l
    print("freed lists nested 100,000 deep")
    t = ()
    for i in range(100_000):
        t = (i, t, "x")
    del t
    print("freed 3-tuples nested 100,000 deep")
    k = K()
    m = k.m
    for i in range(100_000):
        k = K()
        k.prev = m
        m = k.m
    del k, m
    print("freed bound methods chained 100,000 deep")


def cycles():
    gc.collect()
    l = []
    t = (l,)
    l.append(t)
    d = {"self": None}
    d["self"] = d
    k = K()
    k.m2 = k.m
    del l, t, d, k
    print("collected", gc.collect() > 0)


tuples()
lists()
dicts()
methods()
subclasses()
deep()
cycles()

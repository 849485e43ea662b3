# dict iterators let go of their dict once exhausted; dict.update notices a
# key's __eq__ emptying the dict being merged.
import gc
import weakref


class D(dict):
    pass


for make in (iter, lambda d: iter(d.keys()), lambda d: iter(d.values()), lambda d: iter(d.items()),
             reversed):
    d = D(a=1, b=2)
    ref = weakref.ref(d)
    it = make(d)
    del d
    print(list(it), next(it, "done"), it.__length_hint__(), it.__reduce__()[1])
    gc.collect()
    print("dict freed:", ref() is None)


class X:
    def __hash__(self):
        return 0

    def __eq__(self, o):
        other.clear()
        return False


other = dict((i, 0) for i in range(1, 1337))
other[X()] = 0
d = {X(): 0, 1: 1}
try:
    d.update(other)
except RuntimeError as e:
    print("RuntimeError", e)

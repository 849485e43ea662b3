# Sets built from dicts (and dicts from sets) reuse the stored hashes instead
# of calling __hash__ again; set iterators let go of their set once
# exhausted; frozenset subclasses refuse keywords unless they define __init__.
import gc
import weakref


class HashCountingInt(int):
    def __init__(self, *args):
        self.hash_count = 0

    def __hash__(self):
        self.hash_count += 1
        return int.__hash__(self)


def count(d):
    return sum(elem.hash_count for elem in d)


for thetype in (set, frozenset):
    d = dict.fromkeys(map(HashCountingInt, range(10)))
    print(thetype.__name__, count(d), end=" ")
    s = thetype(d)
    print(count(d), end=" ")
    s.difference(d)
    print(count(d), end=" ")
    if hasattr(s, "symmetric_difference_update"):
        s.symmetric_difference_update(d)
        print(sorted(s), end=" ")
    print(count(d), end=" ")
    dict.fromkeys(set(d))
    dict.fromkeys(frozenset(d), 123)
    dict.fromkeys(d)
    print(count(d), dict.fromkeys(frozenset(d), 1) == dict.fromkeys(d, 1))


class SetSub(set):
    pass


s = SetSub([1, 2])
ref = weakref.ref(s)
it = iter(s)
del s
print(sorted(it), next(it, "done"), it.__length_hint__())
gc.collect()
print("set freed:", ref() is None)


class FrozenSub(frozenset):
    pass


class FrozenWithInit(frozenset):
    def __init__(self, arg, newarg=None):
        self.newarg = newarg


try:
    FrozenSub(sequence=())
except TypeError as e:
    print("TypeError", e)
u = FrozenWithInit([1, 2], newarg=3)
print(type(u).__name__, sorted(u), u.newarg)

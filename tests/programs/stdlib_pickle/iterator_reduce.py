# The builtin iterators reduce and pickle as CPython's: __reduce__ forms
# (fresh, advanced, exhausted), __setstate__ clamping, and round trips
# through pickle and copy for every protocol.
import copy
import pickle


def show(x):
    """A reduce value without addresses: iterators by type and contents."""
    if isinstance(x, tuple):
        return "(" + ", ".join(show(i) for i in x) + ("," if len(x) == 1 else "") + ")"
    name = type(x).__name__
    if name.endswith("iterator") or name in ("enumerate", "zip", "map", "filter", "reversed"):
        return "<%s>" % name
    return repr(x)


def roundtrips(make, advance=1):
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        it = make()
        for _ in range(advance):
            next(it, None)
        it2 = pickle.loads(pickle.dumps(it, proto))
        print(proto, type(it2).__name__, list(it2), list(it))
    it = make()
    next(it, None)
    print("copy", list(copy.copy(it)), "deepcopy", list(copy.deepcopy(it)))


seqs = [[1, 2, 3], (1, 2, 3), "abc", "\u1234bc", b"abc", bytearray(b"abc")]
for s in seqs:
    it = iter(s)
    print(type(it).__name__, show(it.__reduce__()))
    next(it)
    print("  advanced", show(it.__reduce__()))
    list(it)
    print("  exhausted", show(it.__reduce__()))
    roundtrips(lambda s=s: iter(s))
    for state in (-5, 0, 2, 10):
        it = iter(s)
        it.__setstate__(state)
        print("  setstate", state, list(it))
    it = iter(s)
    list(it)
    it.__setstate__(0)
    print("  setstate after exhaustion", list(it))

print("-- reversed list")
it = reversed([1, 2, 3])
print(show(it.__reduce__()))
next(it)
print(show(it.__reduce__()))
list(it)
print(show(it.__reduce__()))
roundtrips(lambda: reversed([1, 2, 3]))
for state in (-5, -1, 0, 1, 10):
    it = reversed([1, 2, 3])
    it.__setstate__(state)
    print("setstate", state, list(it))

print("-- reversed sequence")
it = reversed((1, 2, 3))
print(show(it.__reduce__()))
next(it)
print(show(it.__reduce__()))
list(it)
print(show(it.__reduce__()))
roundtrips(lambda: reversed((1, 2, 3)))
for state in (-5, -1, 0, 1, 10):
    it = reversed("xyz")
    it.__setstate__(state)
    print("setstate", state, list(it))


class Seq:
    def __getitem__(self, i):
        if i < 4:
            return i * 10
        raise IndexError(i)


print("-- __getitem__ iterator")
it = iter(Seq())
next(it)
print(show(it.__reduce__()[2:]), type(it.__reduce__()[1][0]).__name__)
list(it)
print(show(it.__reduce__()))
it = iter(Seq())
it.__setstate__(-3)
print(list(it))
it = iter(Seq())
it.__setstate__(2)
print(list(it))

print("-- range iterators")
for r in [range(10), range(3, 20, 2), range(10, 0, -3), range(0), range(2**70, 2**70 + 10, 3),
          range(-2**65, -2**65 + 3)]:
    it = iter(r)
    print(type(it).__name__, show(it.__reduce__()))
    next(it, None)
    print("  advanced", show(it.__reduce__()))
    list(it)
    print("  exhausted", show(it.__reduce__()))
    print("  hint", it.__length_hint__())
    roundtrips(lambda r=r: iter(r))
    for state in (-4, 0, 2, 10**30 if r.start > 2**60 else 10**6):
        it = iter(r)
        it.__setstate__(state)
        print("  setstate", state, list(it)[:3], it.__length_hint__())
it = iter(range(2**32 + 2))
it.__setstate__(2**32 + 1)
print(show(it.__reduce__()), next(pickle.loads(pickle.dumps(it))))

print("-- enumerate")
e = enumerate("abc", 5)
print(show(e.__reduce__()))
next(e)
print(show(e.__reduce__()), e.__reduce__()[1][1])
roundtrips(lambda: enumerate("abcd", 7))
roundtrips(lambda: enumerate("abcd", 2**80))


class MyEnum(enumerate):
    pass


print(pickle.loads(pickle.dumps(MyEnum("xy", 3))).__class__.__name__)
print(list(pickle.loads(pickle.dumps(MyEnum("xy", 3)))))

print("-- zip")
print(show(zip("ab", "cd").__reduce__()))
z = zip("ab", "cd", strict=True)
print(show(z.__reduce__()))
z.__setstate__(False)
print(show(z.__reduce__()))
z.__setstate__(1)
print(show(z.__reduce__()))
roundtrips(lambda: zip("abc", [1, 2, 3]))
roundtrips(lambda: zip("abc", [1, 2, 3], strict=True))
z = pickle.loads(pickle.dumps(zip("abc", [1, 2], strict=True)))
try:
    list(z)
except ValueError as e:
    print("ValueError", e)
print(show(zip().__reduce__()), list(pickle.loads(pickle.dumps(zip()))))

print("-- map / filter")
roundtrips(lambda: map(abs, [-1, -2, 3]))
roundtrips(lambda: filter(None, [0, 1, 0, 2, 3]))

print("-- callable_iterator")
it = iter(int, 1)
print(show(it.__reduce__()))
calls = [3, 2, 1, 0]
it = iter(calls.pop, 0)
print(list(it), show(it.__reduce__()))
it = pickle.loads(pickle.dumps(iter([5, 6, 7, 0, 8]).__next__.__self__))
print(list(it))

print("-- dict iterators")
d = {"a": 1, "b": 2, "c": 3}
for make in (lambda: iter(d), lambda: iter(d.values()), lambda: iter(d.items()),
             lambda: reversed(d), lambda: reversed(d.values()), lambda: reversed(d.items())):
    it = make()
    print(type(it).__name__, show(it.__reduce__()))
    next(it)
    print("  advanced", show(it.__reduce__()), "still", list(it))
    print("  exhausted", show(it.__reduce__()))
    roundtrips(make)
it = iter(d)
d2 = dict(d)
it = iter(d2)
next(it)
d2["z"] = 0
try:
    it.__reduce__()
except RuntimeError as e:
    print("RuntimeError", e)

print("-- set iterators")
s = {1, 2, 3, 4}
it = iter(s)
print(show(it.__reduce__()))
next(it)
print(show(it.__reduce__()), list(it))
roundtrips(lambda: iter({10, 20, 30}))
roundtrips(lambda: iter(frozenset({10, 20, 30})))


class SlotSet(set):
    __slots__ = ("x", "__dict__")


s = SlotSet([1, 2])
s.x = 5
s.y = 6
print(show(s.__reduce__()))
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    s2 = pickle.loads(pickle.dumps(s, proto))
    print(proto, type(s2).__name__, sorted(s2), s2.x, s2.y)
print(set([1]).__reduce__(), frozenset([2]).__reduce__())

print("-- exceptions")
e = ImportError("msg", name="somename", path="p")
print(e.__reduce__())
e2 = pickle.loads(pickle.dumps(e))
print(repr(e2), e2.name, e2.path, e2.msg)
e = ImportError("msg", name="n")
e.extra = 1
print(e.__reduce__(), e.__dict__)
print(ImportError("x").__reduce__())
for args in [("foo", "bar"), (2, "bar", "fn"), (2, "bar", "fn", None, "fn2"), (1, "a", None),
             ("a",), (1, 2, 3, 4, 5, 6)]:
    e = OSError(*args)
    r = e.__reduce__()
    e2 = pickle.loads(pickle.dumps(e))
    print(r, repr(e2), e2.filename, e2.filename2, e2.errno)

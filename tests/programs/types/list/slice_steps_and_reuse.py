# Slices with steps and negative bounds (reads and assignments), slice
# assignment from temporaries, and the tuples zip/enumerate hand out again.
import gc
import sys

a = list(range(10))
for start in (None, -12, -10, -3, -1, 0, 1, 4, 9, 10, 15):
    for stop in (None, -12, -3, -1, 0, 3, 9, 10, 15):
        for step in (None, -11, -3, -2, -1, 1, 2, 5):
            r = a[start:stop:step]
            assert r == [a[i] for i in range(*slice(start, stop, step).indices(len(a)))], (start, stop, step)
print(a[::-1], a[8::-1], a[:2:-1], a[-3::-1], a[5:1:-1], a[1:5:-1], a[100::-1], a[-100::-1])
print(a[::-3], a[9:0:-4], a[True:True + 3], a[::True])


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


print(a[Idx(2):Idx(8):Idx(2)], a[Idx(-1)::Idx(-1)], a[2 ** 100:], a[-(2 ** 100)::-1], a[:2 ** 70:2 ** 65])
for bad in (slice(1.0, 2), slice(None, "x"), slice(None, None, 0), slice(None, None, 1.5)):
    try:
        a[bad]
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# Fannkuch-style flips: the right side is a temporary list.
perm = [3, 1, 4, 0, 2, 5]
k = perm[0]
flips = 0
while k:
    perm[:k + 1] = perm[k::-1]
    flips += 1
    k = perm[0]
print(perm, flips)
b = list(range(8))
b[2:5] = b[4:1:-1]
print(b)
b[1:3] = [b.pop() for _ in range(3)]
print(b)
b[:] = b[::-1]
print(b)
b[::2] = [x * 10 for x in range(3)]
print(b)
b[1:1] = [7, 7]
print(b)
b[-2:] = []
print(b)
b[:] = b
print(b)
c = b
b[:3] = b[:3]
print(b is c, b)
try:
    b[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    b[1:3] = 5
except TypeError as e:
    print("TypeError:", e)
try:
    b[::2] = 5
except TypeError as e:
    print("TypeError:", e)


class L(list):
    def __setitem__(self, key, value):
        print("L.__setitem__", key, value)
        super().__setitem__(key, value)


s = L([1, 2, 3])
s[:2] = s[1::-1]
print(s)
t = [1, 2, 3]
keep = t[::-1]
t[:] = keep
keep.append(99)
print(t, keep)

# zip and enumerate hand out the same tuple again only while nothing keeps it.
pairs = list(zip("abc", [1, 2, 3]))
print(pairs, len({id(p) for p in pairs}))
kept = [t for t in enumerate("xyz", 5)]
print(kept, len({id(t) for t in kept}))
z = zip([1, 2], [3, 4])
t1 = next(z)
t2 = next(z)
print(t1, t2, t1 is t2)
for i, (x, y) in enumerate(zip(range(3), [[0], [1], [2]])):
    print(i, x, y, gc.is_tracked((x, y)))
e = enumerate([[1], [2], [3]])
for t in e:
    print(t, gc.is_tracked(t))
print(list(enumerate(["a", "b"], sys.maxsize - 1)))
e = enumerate("abc", 2 ** 63 - 2)
print(next(e), next(e), next(e), e.__reduce__()[1][1])
e = enumerate("abc", -(2 ** 70))
print(next(e), e.__reduce__()[1][1])
print(list(enumerate("ab", True)), list(enumerate([], 3)))
z = zip("ab", [1], strict=False)
print(next(z))
try:
    next(z)
except StopIteration:
    print("StopIteration")
try:
    list(zip("ab", [1], strict=True))
except ValueError as e:
    print("ValueError:", e)


def gen():
    yield 1
    yield 2


print(list(zip(gen(), iter([5, 6, 7]), range(10, 20))))
print(sum(x * y for x, y in zip(range(1000), range(1000))))
print(sum(i * v for i, v in enumerate(range(1000), 1)))

# A result tuple the collector untracked (it held atoms) is tracked again
# once it holds a container.
z = zip([1, 2, [3]], [4, 5, 6])
a1, b1 = next(z)
gc.collect()
a2, b2 = next(z)
t = next(z)
print(a1, b1, a2, b2, t, gc.is_tracked(t))
e = enumerate([1, [2]])
i, v = next(e)
gc.collect()
t = next(e)
print(i, v, t, gc.is_tracked(t))

# Slices of other sequences and of list subclasses, bounds of other types.
class MyList(list):
    def __getitem__(self, key):
        print("MyList.__getitem__", key)
        return super().__getitem__(key)


class MyInt(int):
    pass


m = MyList(range(6))
print(m[1:4], m[::-2], (1, 2, 3, 4)[1:3], "abcdef"[::-2], range(10)[2:8:3])
print(a[MyInt(2):MyInt(5)], a[False:True], a[None:None:None], a[-2 ** 40:2 ** 40])
big = list(range(100))
x = big
x[10:90] = x
print(len(big), big[:12], big[-3:])
x[5:7] = [x]
print(len(x), x[5] is x)
y = [1, 2, 3]
y[1:2] = y
print(y)
y[:0] = (7, 8)
print(y)
y[-1:] = iter([9])
print(y)


def f(seq, s):
    return seq[::s]


try:
    f([1, 2], 0)
except ValueError as e:
    print("ValueError:", e, e.__traceback__.tb_next.tb_lineno)
try:
    [1, 2][1:"x"] = [3]
except TypeError as e:
    print("TypeError:", e)

trace = []


def tracer(frame, event, arg):
    frame.f_trace_opcodes = True
    if event == "opcode":
        trace.append(frame.f_code.co_code[frame.f_lasti])
    return tracer


def sliced(q):
    q[1:2] = q[::-1]
    return q[1:3]


sys.settrace(tracer)
r = sliced([1, 2, 3])
sys.settrace(None)
print(r, len(trace) > 0, trace.count(25), trace.count(60))

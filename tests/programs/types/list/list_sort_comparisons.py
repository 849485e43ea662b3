# The comparisons list.sort makes (timsort as CPython 3.11): their number and
# sequence are observable through __lt__, and so is the order a failed sort
# leaves behind.
LOG = []


class K:
    __slots__ = ("v", "i")

    def __init__(self, v, i):
        self.v = v
        self.i = i

    def __lt__(self, other):
        LOG.append((self.i, other.i))
        return self.v < other.v

    def __repr__(self):
        return f"K({self.v!r}, {self.i})"


def digest(pairs):
    h = 0
    for a, b in pairs:
        h = (h * 1000003 + a * 7919 + b) % (1 << 61)
    return h


def lcg(seed, n, modulus):
    out = []
    state = seed
    for _ in range(n):
        state = state * 48271 % 2147483647
        out.append(state % modulus)
    return out


def run(name, values, **kw):
    items = [K(v, i) for i, v in enumerate(values)]
    LOG.clear()
    items.sort(**kw)
    order = [k.i for k in items]
    print(f"{name}: n={len(values)} compares={len(LOG)} seq={digest(LOG)} order={digest(enumerate(order))}")
    print("   first", LOG[:6])


class Rng:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = self.state * 48271 % 2147483647
        return self.state % n

    def random(self):
        return self.below(1 << 30) / (1 << 30)

    def shuffle(self, xs):
        for i in range(len(xs) - 1, 0, -1):
            j = self.below(i + 1)
            xs[i], xs[j] = xs[j], xs[i]


rng = Rng(12345)
for n in (0, 1, 2, 3, 10, 63, 64, 65, 100, 257, 1000):
    run("random", [rng.random() for _ in range(n)])
for n in (100, 1000):
    run("lcg", lcg(7, n, 1000000))
    run("sorted", list(range(n)))
    run("reversed", list(range(n, 0, -1)))
    run("many equal", lcg(3, n, 3))
    run("all equal", [5] * n)
    run("sawtooth", [i % 37 for i in range(n)])
    run("two runs", list(range(0, n, 2)) + list(range(1, n, 2)))
    run("runs down", [((i // 50) * 1000) - i for i in range(n)])
    run("reverse=True", lcg(11, n, 500), reverse=True)
    run("key", lcg(13, n, 10 ** 6), key=lambda k: K(k.v % 101, k.i))
    run("key reverse", lcg(17, n, 40), key=lambda k: K(-k.v, k.i), reverse=True)
    shuffled = list(range(n))
    rng.shuffle(shuffled)
    run("shuffled", shuffled)
    part = list(range(n))
    for j in range(0, n, 97):
        part[j] = -j
    run("almost sorted", part)

# The figure: 100 random items.
items = [K(v, i) for i, v in enumerate(lcg(99, 100, 10 ** 9))]
LOG.clear()
sorted(items)
print("sorted() 100 items:", len(LOG))


# A failing __lt__ leaves a permutation, in CPython's order.
class Boom(Exception):
    pass


class Fragile:
    calls = 0
    limit = 0

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        Fragile.calls += 1
        if Fragile.calls > Fragile.limit:
            raise Boom(Fragile.calls)
        return self.v < other.v


for limit in (0, 5, 50, 400, 3000):
    data = [Fragile(v) for v in lcg(5, 500, 1000)]
    Fragile.calls = 0
    Fragile.limit = limit
    try:
        data.sort()
        print("limit", limit, "sorted")
    except Boom as e:
        vals = [f.v for f in data]
        print("limit", limit, "Boom", e.args, sorted(vals) == sorted(lcg(5, 500, 1000)), digest(enumerate(vals)))

# Failing key reversed sort: still a permutation, reversed back.
data = [Fragile(v) for v in range(40)]
Fragile.calls = 0
Fragile.limit = 30
try:
    data.sort(reverse=True)
except Boom:
    print("reverse failure", [f.v for f in data])


# A key function that fails leaves the list untouched.
def badkey(x):
    if x == 7:
        raise ValueError("no 7")
    return -x


data = list(range(10))
try:
    data.sort(key=badkey, reverse=True)
except ValueError as e:
    print("key failed:", e, data)


# Mutating the list during the sort.
class Mutator:
    def __init__(self, v, target):
        self.v = v
        self.target = target

    def __lt__(self, other):
        self.target.append(1)
        return self.v < other.v


target = []
data = [Mutator(v, target) for v in (3, 1, 2)]
target = data
for m in data:
    m.target = data
try:
    data.sort()
except ValueError as e:
    print("mutated:", e, [m.v for m in data if isinstance(m, Mutator)])


# NotImplemented from __lt__: CPython asks __lt__ again, then __gt__.
CALLS = []


class NI:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        CALLS.append("lt")
        return NotImplemented

    def __gt__(self, other):
        CALLS.append("gt")
        return self.v > other.v


data = [NI(v) for v in (3, 1, 2, 5, 4)]
data.sort()
print("NotImplemented:", [d.v for d in data], CALLS)


# Tuples: leading items compared with ==, the first differing with <.
EQ = []


class E:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        EQ.append((self.v, other.v))
        return self.v == other.v

    def __lt__(self, other):
        EQ.append(("lt", self.v, other.v))
        return self.v < other.v

    __hash__ = None


data = [(E(v % 3), v) for v in lcg(21, 30, 50)]
data.sort()
print("tuples:", [(a.v, b) for a, b in data][:8], len(EQ), EQ[:8])
EQ.clear()
data = [(v % 4, E(v % 5), v) for v in lcg(23, 30, 50)]
data.sort(reverse=True)
print("tuples 2:", [(a, b.v, c) for a, b, c in data][:8], len(EQ), EQ[:8])
shared = E(1)
EQ.clear()
data = [(shared, v) for v in (3, 1, 2)]
data.sort()
print("identical first items:", [b for a, b in data], EQ)

# Built-in keys: the results (NaN placement included) are CPython's.
nan = float("nan")
print(sorted([3.0, nan, 1.0, nan, 2.0, -1.0, nan, 0.5]))
print(sorted([2, 1.5, True, 0, -3, 2.0, False, 10 ** 30, -(10 ** 25)]))
print(sorted(["b", "a", "ä", "é", "ab", "", "\u20ac", "z", "\U0001f600", "A"]))
print(sorted(["pear", "apple", "fig", "apple", "banana"], key=len))
print(sorted([(1, "b"), (1, "a"), (0, "z"), (2,), (1,), ()]))
print(sorted([[3, 1], [1, 2], [1], [3, 0]], reverse=True))
print(sorted({5: 1, 3: 2, 9: 3}), sorted("taipan"), sorted(range(5), reverse=True))
print(sorted([10 ** 20, 5, -(10 ** 20), 7]), sorted([True, False, True]))
big = lcg(31, 2000, 1 << 40)
print(sorted(big) == sorted(big, key=lambda x: x), sorted(big)[:3])
words = [str(v) for v in lcg(37, 500, 10 ** 6)]
print(sorted(words)[:5], sorted(words, key=int)[:5])
try:
    sorted([1, "a", 2])
except TypeError as e:
    print("TypeError:", e)
try:
    [3, 1].sort(1)
except TypeError as e:
    print("TypeError:", e)
try:
    [3, 1].sort(cmp=None)
except TypeError as e:
    print("TypeError:", e)


# A comparison that changes a key's class: the pre-checked comparison must
# notice (CPython's unsafe_object_compare checks the slot every time).
class Plain(list):
    pass


class Raising(list):
    def __lt__(self, other):
        raise ValueError("Raising.__lt__")


class Switcher(int):
    def __lt__(self, other):
        last.__class__ = Raising
        return int.__lt__(self, other)


data = [Plain([Switcher(i), i]) for i in range(10)]
last = data[-1]
try:
    data.sort()
except ValueError as e:
    print("class switched:", e)
data = [Plain([Switcher(i), i]) for i in range(10)]
last = data[-1]
try:
    [(x,) for x in data].sort()
except ValueError as e:
    print("class switched in tuples:", e)


class Pointless:
    def __lt__(self, other):
        return NotImplemented


for seq in ([Pointless(), Pointless()], [(Pointless(),), (Pointless(),)]):
    try:
        seq.sort()
    except TypeError as e:
        print("TypeError:", e)

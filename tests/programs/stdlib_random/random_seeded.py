import random
import _random

def show(label, f, *a, **k):
    try:
        v = f(*a, **k)
    except Exception as e:
        print(label, type(e).__name__ + ':', e)
    else:
        print(label, repr(v))

for seed in [42, 0, 1, -1, 2**32, 2**32 - 1, 2**100 + 7, -2**100, 3.5, 'hello', b'xyz', bytearray(b'abc'), '', True]:
    random.seed(seed)
    print(repr(seed), random.random(), random.randint(1, 100), random.getrandbits(70))
for version in (1, 2):
    random.seed('text', version=version)
    print(version, random.random())
random.seed(42)
print(random.random(), random.randint(1, 100), random.choice('abcdef'), random.randrange(10, 1000, 7))
l = list(range(20)); random.shuffle(l); print(l)
print(random.sample(range(100), 5), random.sample('abcdefg', 3), random.choices('abc', k=5), random.choices('abc', [1, 2, 3], k=4))
print(random.gauss(0, 1), random.gauss(5, 2), random.normalvariate(0, 1), random.lognormvariate(0, 1))
print(random.uniform(1, 2), random.triangular(), random.triangular(0, 10, 2), random.betavariate(2, 3), random.expovariate(1.5))
print(random.vonmisesvariate(1, 2), random.paretovariate(2), random.weibullvariate(1, 2), random.gammavariate(2, 1), random.gammavariate(0.5, 1))
print(random.randbytes(10), random.getrandbits(0), random.getrandbits(1), random.getrandbits(32), random.getrandbits(33), random.getrandbits(1000) % 10**20)
s = random.getstate()
print(s[0], len(s[1]), s[1][-1], s[2])
a = [random.random() for _ in range(1000)]
random.setstate(s)
print(a == [random.random() for _ in range(1000)])
r = random.Random(123)
print(r.random(), r.randint(0, 10**30))
print(type(r).__mro__[1], _random.Random.__module__)
g = _random.Random(5)
print(g.random(), g.getrandbits(64), len(g.getstate()))
g.seed(); x = g.random(); print(0.0 <= x < 1.0)
show('getrandbits', g.getrandbits, -1)
show('getrandbits', g.getrandbits, 1.5)
show('setstate', g.setstate, 5)
show('setstate', g.setstate, (1,) * 3)
show('setstate', g.setstate, (1,) * 624 + (700,))
show('setstate', g.setstate, (1,) * 624 + (-1,))
show('Random', _random.Random, 1, 2)
show('Random', _random.Random, x=1)
show('seed', g.seed, 1, 2)
show('random', g.random, 1)
show('seed', random.seed, [1])
show('randrange', random.randrange, 0)
show('choice', random.choice, [])
show('sample', random.sample, [1, 2], 3)
class Sub(random.Random):
    def __init__(self, a, b):
        super().__init__(a + b)
print(Sub(1, 2).random() == random.Random(3).random())
r1 = random.Random(99); r2 = random.Random(); r2.setstate(r1.getstate()); print(r1.random() == r2.random())
import pickle, copy
r3 = pickle.loads(pickle.dumps(r1)); print(r3.random() == r1.random())
r4 = copy.copy(r1); print(r4.random() == r1.random())

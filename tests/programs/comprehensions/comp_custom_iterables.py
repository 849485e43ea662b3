# Comprehensions over custom iterables and iterators.
class Countdown:
    def __init__(self, n): self.n = n
    def __iter__(self):
        n = self.n
        while n > 0:
            yield n
            n -= 1
print([x for x in Countdown(5)], {x % 2 for x in Countdown(4)}, {x: -x for x in Countdown(2)})
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 100
print([v for v in Seq()])
it = iter(range(6))
print([(a, next(it)) for a in it])
d = {"x": 1, "y": 2}
print([k for k in d], [k for k in d.keys()], [v for v in d.values()], [kv for kv in d.items()])
print([line.strip() for line in "  one \n two\nthree  ".splitlines()])
print([b for b in b"hi"], [c for c in bytearray(b"ok")])
print([r for r in range(10, 0, -3)], [e for e in enumerate("ab", 5)])
class Bad:
    def __iter__(self):
        yield 1
        raise RuntimeError("iteration broke")
try:
    [x for x in Bad()]
except RuntimeError as e:
    print("RuntimeError:", e)

# Iterator protocol in classes.
class Countdown:
    def __init__(self, start): self.start = start
    def __iter__(self):
        return CountdownIter(self.start)
class CountdownIter:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
c = Countdown(3)
print(list(c), list(c), [x * 2 for x in c])
it = iter(c)
print(next(it), next(it), next(it), next(it, "done"))
print(iter(it) is it)
class GenIter:
    def __init__(self, items): self.items = items
    def __iter__(self):
        yield from self.items
print(list(GenIter("xyz")), tuple(GenIter([1, 2])))
class NotIter:
    def __iter__(self): return 5
try:
    iter(NotIter())
except TypeError as e:
    print("TypeError:", e)
class NoIter: pass
try:
    for x in NoIter(): pass
except TypeError as e:
    print("TypeError:", e)
class Fib:
    def __init__(self, limit): self.limit = limit
    def __iter__(self):
        self.a, self.b = 0, 1
        return self
    def __next__(self):
        if self.a > self.limit:
            raise StopIteration
        v = self.a
        self.a, self.b = self.b, self.a + self.b
        return v
print(list(Fib(50)), max(Fib(1000)), sum(Fib(10)))
print(dict(zip(Countdown(3), "abc")), list(enumerate(Countdown(2))))
class IterNone:
    __iter__ = None
try:
    iter(IterNone())
except TypeError as e:
    print("TypeError:", e)
class Stateful:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i % 3 == 0:
            raise StopIteration
        return self.i
s = Stateful()
print(list(s), list(s), list(s))

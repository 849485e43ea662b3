# iter() in both forms and next() with a default.
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "default"), next(it, None))
try:
    next(it)
except StopIteration:
    print("StopIteration")
print(type(iter("s")).__name__, type(iter(b"b")).__name__, type(iter(())).__name__, type(iter({})).__name__, type(iter(set())).__name__, type(iter(range(1))).__name__)
data = [5, 4, 3, 0, 2, 1]
pos = -1
def read():
    global pos
    pos += 1
    return data[pos]
print(list(iter(read, 0)))
counter = iter(lambda: "x", "x")
print(list(counter))
class Stream:
    def __init__(self): self.n = 0
    def __call__(self):
        self.n += 1
        return self.n
s = iter(Stream(), 4)
print(list(s), type(s).__name__)
lines = iter(["a\n", "b\n", "\n", "c\n"].pop, "\n")
print(list(lines))
for bad in [lambda: iter(5), lambda: iter(5, 1), lambda: next([1]), lambda: next(5), lambda: iter()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
it = iter([1])
print(iter(it) is it, next(iter([]), "empty"))

# Exhaustion and single-pass behaviour of generators vs re-iterable objects.
def gen():
    yield from range(3)
g = gen()
print(list(g), list(g), sum(g))
r = range(3)
print(list(r), list(r))
g = gen()
print(3 in g, list(g))
g = gen()
print(1 in g, list(g))
m = map(str, [1, 2, 3])
print(list(m), list(m))
z = zip("ab", "cd")
print(list(z), list(z))
e = enumerate("xy")
print(next(e), list(e), list(e))
f = filter(None, [0, 1, 2])
print(list(f), list(f))
it = iter([1, 2, 3, 4])
print(list(zip(it, it)))
it = iter("abcdef")
print(next(it), list(x for x in it if x != "d"))
g = gen()
a, b = list(g), list(g)
print(a, b)
def counted():
    counted.calls += 1
    yield counted.calls
counted.calls = 0
print(list(counted()), list(counted()), counted.calls)

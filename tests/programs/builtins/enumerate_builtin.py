# enumerate().
print(list(enumerate("abc")), list(enumerate("abc", 1)), list(enumerate("ab", start=-5)), list(enumerate([], 3)))
print(list(enumerate(range(3), 10 ** 20)), dict(enumerate("xy")), type(enumerate([])).__name__)
e = enumerate(["a", "b"])
print(next(e), next(e), next(e, "end"), iter(e) is e)
for i, (a, b) in enumerate(zip("xy", "pq")):
    print(i, a, b)
for bad in [lambda: enumerate(5), lambda: enumerate("a", "1"), lambda: enumerate("a", 1.5), lambda: enumerate()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
def gen():
    yield "lazy"
    print("generator resumed")
    yield "second"
en = enumerate(gen())
print(next(en))
print(next(en))

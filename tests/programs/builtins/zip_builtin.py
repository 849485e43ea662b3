# zip() including strict=True.
print(list(zip()), list(zip([1, 2])), list(zip([1, 2], "ab")), list(zip("abc", range(10), [True, False])))
print(dict(zip("ab", [1, 2])), list(zip(*[(1, "a"), (2, "b")])), list(zip([], [1])))
print(list(zip([1, 2, 3], "ab", strict=False)))
print(list(zip([1, 2], "ab", strict=True)))
for args in [([1, 2, 3], "ab"), ([1], "ab"), ("ab", "ab", "a"), ("ab", "abc", "ab"), ("a", "ab", "abc")]:
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as e:
        print("ValueError:", e)
z = zip([1, 2, 3], "ab", strict=True)
print(next(z), next(z))
try:
    next(z)
except ValueError as e:
    print("ValueError after partial consumption:", e)
log = []
def g(name, n):
    for i in range(n):
        log.append(f"{name}{i}")
        yield i
print(list(zip(g("a", 3), g("b", 1))), log)
try:
    zip(1, [2])
except TypeError as e:
    print("TypeError:", e)
try:
    zip([1], 2)
except TypeError as e:
    print("TypeError:", e)
print(type(zip()).__name__, list(zip(range(3), range(3), range(3), range(3))))

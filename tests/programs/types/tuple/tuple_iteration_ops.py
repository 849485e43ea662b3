# Iterating tuples, zip/enumerate producing tuples, and tuple comparisons in sorting.
pairs = tuple(zip("abc", range(3)))
print(pairs, type(pairs[0]).__name__, dict(pairs), tuple(enumerate("xy")))
for i, (letter, n) in enumerate(pairs):
    print(i, letter, n)
students = [("ann", 90, 20), ("bob", 85, 22), ("cy", 90, 19), ("di", 85, 22)]
print(sorted(students, key=lambda s: (-s[1], s[2], s[0])))
print(max(students, key=lambda s: (s[1], -s[2])), min(students)[0])
print(tuple(reversed((1, 2, 3))), tuple(sorted((3, 1, 2))), tuple(map(abs, (-1, -2))), tuple(filter(None, (0, 1, "", "a"))))
print(sum((1, 2, 3)), any(()), all(()), (1, 2, 3).__contains__(2), (1, 2) + (), () + ())
t = (1, [2, 3], "four")
a, (b, c), d = t
print(a, b, c, d)
print(tuple(i * i for i in range(5))[::-1], (0,) * 5 == tuple([0] * 5))

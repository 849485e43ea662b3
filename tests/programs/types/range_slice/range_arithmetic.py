# Range properties computed arithmetically for large and negative ranges.
cases = [range(0), range(10), range(-10, 10, 3), range(10, -10, -3), range(5, 100, 7), range(10 ** 15, 10 ** 15 + 100, 9)]
for r in cases:
    n = len(r)
    print(r, n, r[0] if n else None, r[-1] if n else None, sum(r) == (n * (r[0] + r[-1]) // 2 if n else 0))
r = range(-10, 10, 3)
print([x in r for x in (-10, -7, -6, 8, 9, 10)], [r.index(x) for x in (-10, 8)], r.count(-1), r.count(0))
print(r[1:4], r[::-1], r[::2][1:], r[-2:], list(r[::-2]))
big = range(0, 10 ** 18, 7)
print(len(big), big[-1], 10 ** 17 - (10 ** 17 % 7) in big, big.index(7 * 12345), big[10 ** 15] == 7 * 10 ** 15)
print(range(3) == range(0, 3, 1), range(0, 10, 5) == range(0, 9, 5), range(0) == range(-5), hash(range(0, 10, 5)) == hash(range(0, 9, 5)))
print(list(zip(range(3), range(10, 13), range(20, 23))), [i for i in range(10) if i in range(3, 7)])

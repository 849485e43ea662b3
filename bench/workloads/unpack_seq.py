"""Sequence packing and unpacking: tuple packing/unpacking in assignments and
for-loop targets, swaps, starred targets (a, *rest = ...), nested targets,
enumerate and zip (two and three way), dict.items(), returning several values,
calling with *args and **kwargs, and building tuples."""
import sys


def divmod_pair(a, b):
    return a // b, a % b


def stats(*values):
    return min(values), max(values), sum(values)


def weighted(x, y, *, wx=1, wy=1):
    return x * wx + y * wy


def round_(n, seed):
    xs = [(i * 2654435761 + seed) % 1000 for i in range(n)]
    ys = [(i * 40503 + seed * 7) % 997 for i in range(n)]
    zs = list(range(n))
    check = 0

    for i, x in enumerate(xs):
        check += i ^ x
    for x, y in zip(xs, ys):
        check += x - y
    for x, y, z in zip(xs, ys, zs):
        check += (x * y + z) & 255

    points = list(zip(xs, ys))
    for (x, y), z in zip(points, zs):
        check += x if z & 1 else y

    a, b = 1, 2
    for x in xs:
        a, b = b, (a + b + x) % 100003
    check += a + b

    for i in range(1, n):
        q, r = divmod_pair(xs[i] + 1000, i)
        check += q + r

    for i in range(0, n - 4, 4):
        first, *middle, last = xs[i:i + 4]
        check += first - last + len(middle)
        head, (p, q) = ys[i], points[i]
        check += head + p - q

    mapping = {i: (x, y) for i, (x, y) in enumerate(points[:5000])}
    for key, (x, y) in mapping.items():
        check += key + x * y

    triples = [(x, y, x + y) for x, y in points[:20000]]
    lo, hi, total = stats(*[t[2] for t in triples[:500]])
    check += lo + hi + total
    for t in triples:
        x, y, s = t
        check += weighted(x, y, wx=2) + weighted(*t[:2], **{"wy": 3}) - s

    for i, (x, y) in enumerate(zip(xs[::2], ys[1::2])):
        x, y = y, x
        check += (x - y) * (i & 3)
    return check


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    check = 0
    for r in range(rounds):
        check += round_(100000, r)
    print(check)


main()

"""List building and sorting: append and list comprehensions, sorted() and
list.sort() with and without key functions (lambda, a tuple key, reverse=True),
sorting tuples and strings, slicing (step slices, slice assignment, del of a
slice), list.index/count/insert/pop, min/max with keys, reversed."""
import sys


def lcg_list(seed, n, modulus):
    out = []
    state = seed
    for _ in range(n):
        state = state * 48271 % 2147483647
        out.append(state % modulus)
    return out


def digit_sum(x):
    s = 0
    while x:
        s += x % 10
        x //= 10
    return s


def round_(data):
    check = 0
    a = sorted(data)
    check += a[0] + a[-1] + a[len(a) // 2]

    b = sorted(data, key=lambda x: (x % 97, -x))
    check += b[0] + b[len(b) // 3]

    c = data[:]
    c.sort(reverse=True)
    check += c[1] - c[-2]

    d = sorted(data[::3], key=digit_sum)
    check += d[0] + d[-1]

    records = [(x % 13, str(x), x) for x in data[:20000]]
    records.sort()
    check += records[0][2] + records[-1][2]
    names = sorted(r[1] for r in records)
    check += len(names[0]) + len(names[-1]) + int(names[100])

    evens = [x for x in a if x % 2 == 0]
    odds = [x for x in a if x % 2 == 1]
    merged = evens[::2] + odds[1::2]
    merged.sort(key=lambda x: -x)
    check += merged[0] + merged[-1] + len(merged)

    e = a[:5000]
    e[100:200] = e[300:500]
    del e[::7]
    e.reverse()
    check += sum(e[:50]) + len(e)
    e.insert(10, -1)
    check += e.index(-1) + e.count(e[20]) + e.pop() + e.pop(0)

    check += max(data[:5000], key=lambda x: x % 1000)
    check += min(data[:5000], key=lambda x: (x % 333, x))
    check += sum(list(reversed(a))[:10])

    chunks = [a[i:i + 100] for i in range(0, len(a), 100)]
    chunks.sort(key=len)
    check += sum(len(ch) for ch in chunks)
    return check


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    total = 0
    for r in range(rounds):
        data = lcg_list(1000 + r, 60000, 1000000)
        total += round_(data)
    print(total)


main()

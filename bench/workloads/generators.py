"""Generator pipeline: chained generator functions and generator expressions
feeding each other, `yield from` delegation (flat and recursive), a generator
driven with send(), and consumers such as sum(), max() and for-loops. Measures
generator creation, resumption and suspension, and StopIteration handling."""
import sys


def numbers(seed, count):
    # Park-Miller generator as a stream
    state = seed
    for _ in range(count):
        state = state * 48271 % 2147483647
        yield state


def scaled(source, modulus):
    for x in source:
        yield x % modulus


def evens_and_odds(source):
    for x in source:
        if x & 1:
            yield x * 3 + 1
        else:
            yield x >> 1


def pairs(source):
    it = iter(source)
    for a in it:
        b = next(it, 0)
        yield a, b


def windows(source, size):
    window = []
    for x in source:
        window.append(x)
        if len(window) == size:
            yield tuple(window)
            del window[0]


def chain(*sources):
    for source in sources:
        yield from source


def tree(depth, label):
    # a complete binary tree as nested tuples
    if depth == 0:
        return label
    return (tree(depth - 1, label * 2), tree(depth - 1, label * 2 + 1))


def leaves(node):
    if isinstance(node, tuple):
        yield from leaves(node[0])
        yield from leaves(node[1])
    else:
        yield node


def running_mean():
    total = 0
    count = 0
    mean = None
    while True:
        x = yield mean
        total += x
        count += 1
        mean = total // count


def stage_one(n):
    stream = evens_and_odds(scaled(numbers(12345, n), 1000))
    products = (a * b for a, b in pairs(stream))
    return sum(p for p in products if p % 3 != 0)


def stage_two(n):
    stream = scaled(numbers(777, n), 100)
    return max(sum(w) for w in windows(stream, 4))


def stage_three(n):
    parts = [range(i, i + 50) for i in range(0, n, 50)]
    total = 0
    for x in chain(*parts):
        total += x
    return total


def stage_four(depth):
    t = tree(depth, 1)
    return sum(leaves(t)), sum(1 for _ in leaves(t))


def stage_five(n):
    acc = running_mean()
    next(acc)
    mean = 0
    for x in scaled(numbers(99, n), 10000):
        mean = acc.send(x)
    acc.close()
    return mean


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1050000
    print(stage_one(n))
    print(stage_two(n))
    print(stage_three(n))
    print(*stage_four(16))
    print(stage_five(n))


main()

"""Closures and higher-order functions: nested functions capturing and
rebinding variables (nonlocal), lambdas, function factories, composition,
map/filter with lambdas and with closures, functions passed as arguments,
a hand-written reduce, sorted with a closure key, and default arguments."""
import sys


def make_counter(start):
    count = start

    def inc(step=1):
        nonlocal count
        count += step
        return count

    return inc


def make_adder(n):
    return lambda x: x + n


def make_multiplier(n):
    def mul(x):
        return x * n
    return mul


def compose(*fns):
    def composed(x):
        for fn in fns:
            x = fn(x)
        return x
    return composed


def fold(fn, items, init):
    acc = init
    for item in items:
        acc = fn(acc, item)
    return acc


def memoize(fn):
    cache = {}

    def wrapper(n):
        if n in cache:
            return cache[n]
        result = fn(n)
        cache[n] = result
        return result
    return wrapper


def make_polynomial(coeffs):
    def poly(x):
        return fold(lambda acc, c: acc * x + c, coeffs, 0)
    return poly


def apply_n(fn, n, x):
    for _ in range(n):
        x = fn(x)
    return x


def pipeline_round(data, k):
    add_k = make_adder(k)
    triple = make_multiplier(3)
    mod = lambda x: x % 1009
    f = compose(add_k, triple, mod)
    mapped = list(map(f, data))
    kept = list(filter(lambda x: x % 3 != k % 3, mapped))
    total = fold(lambda a, b: a + b, kept, 0)
    biggest = fold(lambda a, b: a if a > b else b, kept, 0)
    counter = make_counter(k)
    for x in kept:
        if x & 1:
            counter()
        else:
            counter(2)
    poly = make_polynomial([1, -2, 3, k % 7])
    p = sum(map(poly, range(-50, 50)))
    threshold = k % 500
    near = sorted(kept[:2000], key=lambda x: (abs(x - threshold), x))
    return total + biggest + counter(0) + p + near[0] + apply_n(add_k, 100, 0)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 280
    data = [(i * 7919) % 10007 for i in range(10000)]

    @memoize
    def collatz_len(n):
        if n == 1:
            return 1
        return 1 + collatz_len(n // 2 if n % 2 == 0 else 3 * n + 1)

    total = 0
    for k in range(rounds):
        total += pipeline_round(data, k)
    longest = max(range(1, 3000), key=collatz_len)
    print(total, longest, collatz_len(longest))


main()

"""A tour of Python 3.11 that Taipan runs: `taipan examples/showcase.py`.

It prints exactly what `python3 examples/showcase.py` prints (the test
command checks that).
"""


class Point:
    """A 2-D point with operators, a repr and structural pattern matching."""

    __match_args__ = ("x", "y")

    def __init__(self, x, y=0):
        self.x, self.y = x, y

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"


def memoize(func):
    """A decorator with a closure over its cache."""
    cache = {}

    def wrapper(n):
        if n not in cache:
            cache[n] = func(n)
        return cache[n]

    wrapper.cache = cache
    return wrapper


@memoize
def fib(n, /):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def primes():
    """An endless generator."""
    found = []
    n = 2
    while True:
        if all(n % p for p in found):
            found.append(n)
            yield n
        n += 1


def take(n, iterable):
    for i, item in enumerate(iterable):
        if i == n:
            return
        yield item


def describe(shape):
    match shape:
        case Point(0, 0):
            return "the origin"
        case Point(x, 0) | Point(0, x):
            return f"on an axis at {x!r}"
        case [first, *rest] if rest:
            return f"a sequence starting with {first} and {len(rest)} more"
        case {"kind": kind, **extra}:
            return f"a {kind} with {sorted(extra)}"
        case _:
            return "something else"


class Shape:
    registry = {}

    def __init_subclass__(cls, sides=0, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.sides = sides
        Shape.registry[cls.__name__] = cls


class Triangle(Shape, sides=3):
    pass


class Square(Shape, sides=4):
    @property
    def area_of_unit(self):
        return 1


def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError as e:
        raise ValueError(f"cannot divide {a} by {b}") from e
    finally:
        print(f"  tried {a}/{b}")


def main():
    print("fib:", [fib(n) for n in range(15)], "cached:", len(fib.cache))
    print("primes:", list(take(10, primes())))
    print("squares:", {n: n * n for n in range(6) if n % 2})
    print("points:", Point(1, 2) + Point(3, 4), Point(1, 2) == Point(1, 2))
    for shape in [Point(0, 0), Point(5, 0), Point(0, -2.5), [1, 2, 3], {"kind": "circle", "r": 1, "at": (0, 0)}, 42]:
        print(f"{shape!r:>40} is {describe(shape)}")
    print("shapes:", {name: cls.sides for name, cls in Shape.registry.items()}, Square().area_of_unit)
    first, *middle, last = "taipan"
    print("unpacking:", first, middle, last)
    print(f"formatting: {3.14159:8.3f}|{255:#06x}|{'left':<8}|{1234567:,}|{0.25:.1%}")
    print("big ints:", 2**100, (-7) // 2, (-7) % 2, pow(3, -1, 7), divmod(-17, 5))
    print("sorting:", sorted(["banana", "Apple", "cherry"], key=str.lower, reverse=True))
    try:
        safe_div(1, 0)
    except ValueError as e:
        print("error:", e, "| caused by:", repr(e.__cause__))
    print("safe:", safe_div(9, 3))
    words = "the quick brown fox jumps over the lazy dog the end".split()
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    print("counts:", sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
    total = 0
    gen = (x * x for x in range(10))
    while (value := next(gen, None)) is not None:
        total += value
    print("walrus total:", total)


if __name__ == "__main__":
    main()

"""A tour of Python 3.11 syntax: Taipan parses (and, as the VM lands, runs) it."""
from __future__ import annotations

import dataclasses
from typing import Iterator


@dataclasses.dataclass
class Point:
    x: float
    y: float = 0.0

    def __add__(self, other: Point) -> Point:
        return Point(self.x + other.x, self.y + other.y)


def fib(n: int, /, *, memo: dict[int, int] | None = None) -> int:
    memo = {} if memo is None else memo
    if n < 2:
        return n
    if (cached := memo.get(n)) is not None:
        return cached
    memo[n] = result = fib(n - 1, memo=memo) + fib(n - 2, memo=memo)
    return result


def primes() -> Iterator[int]:
    found: list[int] = []
    n = 2
    while True:
        if all(n % p for p in found):
            found.append(n)
            yield n
        n += 1


def describe(shape: object) -> str:
    match shape:
        case Point(x=0, y=0):
            return "the origin"
        case Point(x=x, y=0) | Point(x=0, y=x):
            return f"on an axis at {x!r}"
        case [first, *rest] if rest:
            return f"a sequence starting with {first} and {len(rest)} more"
        case {"kind": kind, **extra}:
            return f"a {kind} with {sorted(extra)}"
        case _:
            return "something else"


async def ticker(limit: int):
    for i in range(limit):
        yield i


def main() -> None:
    print(Point(1, 2) + Point(3, 4))
    print([fib(i) for i in range(15)])
    gen = primes()
    print([next(gen) for _ in range(10)])
    for shape in (Point(0, 0), Point(5, 0), [1, 2, 3], {"kind": "circle", "r": 1}, 42):
        print(describe(shape))
    try:
        raise ExceptionGroup("several", [ValueError(1), TypeError(2)])
    except* ValueError as eg:
        print("values:", eg.exceptions)
    except* TypeError as eg:
        print("types:", eg.exceptions)
    print(f"{'centered':^20}|{3.14159:>10.2f}|{255:#06x}")


if __name__ == "__main__":
    main()

# Set operators and comparisons.
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a <= b, a < a, a <= a, {1} < a, a > {1, 2}, a >= a, a == {4, 3, 2, 1}, a != b, {1} < {2})
c = a
c |= {9}
c &= {1, 2, 9, 10}
c -= {2}
c ^= {1, 100}
print(c, a, c is a)
try:
    a | [1]
except TypeError as e:
    print("TypeError:", e)
try:
    a < [1]
except TypeError as e:
    print("TypeError:", e)
print(a == [1, 2], {1, 2} == frozenset({1, 2}), type({1} | frozenset({2})).__name__, type(frozenset({2}) | {1}).__name__)
print(1 in a, 5 not in a, [1] in [a], len(a | b), sorted(a ^ b), max(a), min(b), sum(a))
print(set() == set(), set() < {1}, not set(), bool({0}))
for bad in [lambda: {[]}, lambda: [] in {1}, lambda: {1} + {2}]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
print({1, 2} - {2} - {1}, ({1, 2} | {3}) & {2, 3}, {-1, -2, 0}, {10, 5, 100, 7})

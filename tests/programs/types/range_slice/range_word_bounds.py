# range objects whose bounds are machine words next to ones that are not:
# lengths, bool, len, iteration, reversed, indexing, equality, hash, repr
# and attributes must agree at the edges of the word range.
import sys

M = sys.maxsize
BIG = 2 ** 63
cases = [
    (0,), (10,), (-3,), (3, 3), (3, 2), (0, 10, 3), (10, 0, -3), (10, 0, 3),
    (-M - 1, M), (-M - 1, M, M), (M, -M - 1, -M), (M - 2, M), (-M - 1, -M + 2),
    (0, BIG), (BIG - 3, BIG + 3), (-BIG, -BIG + 4, 2), (0, 5, BIG), (5, 0, -BIG),
    (True, 5), (0, 10, True),
]
for args in cases:
    r = range(*args)
    try:
        n = len(r)
    except OverflowError as e:
        n = "OverflowError: %s" % e
    print(args, repr(r), bool(r), n, r.start, r.stop, r.step)
    if not isinstance(n, str) and n <= 8:
        print("  items", list(r), list(reversed(r)))
    else:
        it = iter(r)
        print("  first", next(it, None), next(it, None), type(it).__name__)
        print("  ends", r[0] if r else None, r[-1] if r else None)
    print("  slices", r[1:3], r[::-1][:2] if r else r[::-1])
    print("  eq", r == range(*args), hash(r) == hash(range(*args)), 3 in r, r.count(3))

print(range(0, 10, 2) == range(0, 9, 2), range(0) == range(5, 5), range(1, 2, 5) == range(1, 2, 7))
for bad in [(1, 2, 0), (0, BIG, 0)]:
    try:
        range(*bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    range(1.5)
except TypeError as e:
    print("TypeError:", e)

# str.split / strip on ASCII text, next to the general path
for s in ["", " ", "a", "  a  b\tc\n", "a|b||c|", "|", "||", "abc"]:
    print(repr(s), s.split(), s.split(None, 1), s.split("|"), s.split("|", 1), s.split("|", 0), s.split("||"))
    print("  ", s.rsplit("|", 1), s.strip(" |"), s.lstrip("a|"), s.rstrip("|c"), s.strip("abcdefghij|"))
class S(str):
    pass
x = S("whole")
print(type(x.split()[0]).__name__, type(x.split("|")[0]).__name__, x.split("|")[0] is x, "whole".split("|")[0])
print("é|a".split("|"), "a|é".split("|"), "a,b".split(","), "x\x1cy\x1fz".split())
try:
    "a".strip(5)
except TypeError as e:
    print("TypeError:", e)
try:
    "a".split("")
except ValueError as e:
    print("ValueError:", e)
print(2.0 ** -1.5, (-8.0) ** (1 / 3), 0.0 ** 0, 2 ** 0.5, 10.0 ** 2)
for a, b in [(0.0, -1.0), (10.0, 400.0)]:
    try:
        print(a ** b)
    except (ZeroDivisionError, OverflowError) as e:
        print(type(e).__name__, e)

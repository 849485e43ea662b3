# The library fast paths of str, int, list and the generic number and
# comparison handlers give CPython's results: short ASCII strings kept
# inside the object (around the 22-character boundary), ASCII case
# mappings and strip, int() of decimal text, %-format and format() of
# machine-word ints, reversed and equal-length slices, str ordering.
import sys


class S(str):
    pass


def show(*xs):
    print(*[repr(x) for x in xs])


# ---- strings around the inline boundary
for n in (0, 1, 2, 21, 22, 23, 40):
    s = "".join(chr(97 + i % 26) for i in range(n))
    t = s[:n // 2] + s[n // 2:]
    d = {s: n}
    show(n, len(s), s == t, hash(s) == hash(t), d[t], s * 2 == t + t, s[::-1][::-1] == s)
    show(s.upper(), s.title(), s[1:-1], s + "!" * 3, sys.getsizeof(s) - sys.getsizeof(""))
    u = S(s)
    show(type(u).__name__, u == s, str(u) == s, type(str(u)).__name__, type(u.upper()).__name__)
show("é" * 3, ("ab" * 11 + "é")[20:], ("x" * 22 + "€").upper(), ("ab" * 20) + "é")
show(sys.intern("abc" + "def") is sys.intern("abcdef"), "ab" + "c" == "abc")

# ---- case mappings and strip
for w in ["hello world", "they're bill's friends", "hELLO_wORLD 42x", "a1b2c3", "", "   ", "ÉCOLE normale",
          "ǅungla", "ﬁsh and chips", "x" * 30 + " yy", "MiXeD-CaSe.text"]:
    show(w.lower(), w.upper(), w.capitalize(), w.title(), w.swapcase())
for w in ["  \t spaced \n", "\x1c\x1dgs\x1e\x1f", "\x0b\x0cvt\x85", ",,word!?", "", "nothing"]:
    show(w.strip(), w.lstrip(), w.rstrip(), w.strip(",!?"), w.strip(""), w.strip(None), w.rstrip("\x1f"),
         w.strip("é\x1c"))
try:
    "x".strip(5)
except TypeError as e:
    print("TypeError", e)

# ---- int() of text
for t in ["0", "42", " -42 ", "+7", "00123", "\t99\n", "1_000", "١٢٣", "\x1c5", "9" * 18, "-" + "9" * 18,
          "9" * 19, "-" + "9" * 25, "  +0  ", "0x1f"]:
    try:
        show(t, int(t))
    except ValueError as e:
        print("ValueError", e)
for bad in ["12a", " ", "", "-", "1__0", "٣x"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError", e)


class WithInt(str):
    def __int__(self):
        return 7


class MyInt(int):
    pass


show(int(WithInt("3")), int(b" 12 "), int("12", 0), int(" 0b11 ", 0), MyInt("15"), type(MyInt("15")).__name__)

# ---- %-format and format() of ints and floats
for v in [0, 7, -42, 255, -255, 2**40, -(2**63), 2**64, True]:
    print("%d|%5d|%-5d|%05d|%+d|% d|%.3d|%x|%#x|%X|%#X|%o|%#o|%i|%u" % ((v,) * 15))
    print(f"{v:>8}|{v:<6}|{v:+d}|{v:#06x}|{v:,}|{v:_b}|{v!r:>12}|{v:e}")
for f in [0.0, 2.5, -1 / 3, 1e10, float("inf")]:
    print(f"{f:8.3f}|{f:.2e}|{f:g}|{f:>10}|{f:%}", "%5.2f|%e|%g|%r" % (f, f, f, f))
try:
    "%d" % "x"
except TypeError as e:
    print("TypeError", e)
try:
    format(3, "q")
except ValueError as e:
    print("ValueError", e)

# ---- generic BINARY_OP / COMPARE_OP on ints, floats and strs
for a, b in [(7, 3), (-7, 3), (7, -3), (-7, -3), (2**62, 3), (-(2**63), -1), (5, 0)]:
    try:
        show(a % b, a // b, a << 2, a >> 1, a & b, a | b, a ^ b, a < b, a >= b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
for a, b in [("a", "b"), ("abc", "abd"), ("é", "z"), ("", "a"), ("a", "a"), ("€", "é"), ("ab", "a")]:
    show(a < b, a <= b, a > b, a >= b, a == b, a != b, "a" <= a <= "z")
show(2.5 < 3.0, 2.5 % 1.0, 7.0 // 2.0, 1.0 == 1.0)

# ---- list slices
a = list(range(10))
show(a[::-1], a[5::-1], a[::2], a[8:2:-3], a[-1:-20:-1], a[20:0:-1])
b = a[:]
b[:4] = b[3::-1]
show(b)
b[2:5] = "xyz"
show(b)
b[:] = b
show(b)
b[1:3] = [0] * 5
show(b)
b[3:3] = []
b[:2] = ()
show(b)
try:
    b[::2] = [1]
except ValueError as e:
    print("ValueError", e)


class Shrink:
    def __index__(self):
        del c[3:]
        return 1


c = list(range(8))
show(c[:Shrink():-1], c)
c = list(range(8))
c[Shrink():3] = ["a", "b"]
show(c)

# ---- str methods through specialized LOAD_METHOD, and split's arguments
out = []
for i in range(60):
    w = ("Word%d" % i) if i % 2 else S("word%d" % i)
    out.append((w.lower(), w.upper(), w.split("d"), w.split(sep="r", maxsplit=1), w.rsplit(None, 1)))
show(out[:3], out[-2:])
try:
    "a b".split(maxsplit="1")
except TypeError as e:
    print("TypeError", e)
try:
    "a b".split(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
show("a\nb\r\nc".splitlines(), "a\nb".splitlines(True), "a\nb".splitlines(keepends=True))

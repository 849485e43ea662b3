#!/usr/bin/env python3
"""Generates tests/cases.json: what CPython 3.11 answers for format(),
%-formatting, float(), int(s, base), float.hex/fromhex, round(x, n),
as_integer_ratio, int(float), float(int), repr(float) and str(int).

    python3 crates/taipan-format/tests/gen_cases.py

The output is committed; never edit it by hand. Floats travel as the hex of
their IEEE bits ("0x3ff0000000000000"), ints as hex(i) (no digit limit), so
every input is exact. A result is {"ok": value}, {"okcp": [code points]} for a
str holding lone surrogates, or {"err": [type, message]}.
"""

import json
import math
import os
import random
import struct
import sys

assert sys.version_info[:2] == (3, 11), "the oracle is CPython 3.11"

R = random.Random(20240611)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.json")


def bits(x):
    return "0x%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def run(f):
    try:
        r = f()
        if isinstance(r, str) and any(0xD800 <= ord(c) < 0xE000 for c in r):
            # Lone surrogates do not survive JSON into Rust strings.
            return {"okcp": [ord(c) for c in r]}
        return {"ok": r}
    except (ValueError, OverflowError, TypeError) as e:
        return {"err": [type(e).__name__, str(e)]}


# ---------------------------------------------------------------- values

def interesting_floats():
    xs = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 2.675, 1.005, 0.045,
          1e22, 1e23, 1e16, 1e15, 9999999999999998.0, 123456789012345678.0, 5e-324,
          -5e-324, 1e-310, 2.2250738585072014e-308, 1.7976931348623157e308, 1e308, 1e-5,
          1e-4, 0.0001234, 123.456, 3.14159, 1/3, 2/3, 100.0, 1234567.891, 0.1, 0.2, 0.3,
          9.5, 10.5, 0.05, 0.25, 0.75, 1e100, 1e-100, 12345.6789, 999999.5, 9999995.0,
          0.9999999, 99.99, 0.00001, 4.35, 1e300 * 1e10, -1e300 * 1e10, float("nan"),
          -float("nan"), 2.0 ** 52, 2.0 ** 53 + 2, 2.0 ** 63, 2.0 ** 64, 1e21, 5e-5, 5e-7,
          0.1 + 0.2, 1e17, 4.5e15, 7.0e-10]
    for e in range(-30, 31):
        xs.append(10.0 ** e)
        xs.append(-(10.0 ** e) * 1.5)
    for k in range(1, 60, 3):
        xs.append(k / 8)
        xs.append(k / 16 + 100)
    for _ in range(120):
        xs.append(from_bits(R.getrandbits(64)))
    for _ in range(120):
        xs.append(R.uniform(-1e6, 1e6))
    for _ in range(60):
        xs.append(round(R.uniform(-1000, 1000), R.randint(0, 4)))
    for _ in range(40):
        xs.append(R.randint(-10 ** 6, 10 ** 6) / 2 ** R.randint(0, 12))
    # Where two shortest reprs tie (1836218942582016.25 -> ...16.2).
    for _ in range(40):
        xs.append(math.ldexp(R.getrandbits(53) | 1 << 52, R.randint(-3, 4)))
    return xs


def tie_floats():
    xs = [math.ldexp(R.getrandbits(53) | 1 << 52, R.randint(-4, 6)) for _ in range(1500)]
    # Few significant bits: the exact decimal is short, and can end in a tie.
    xs += [math.ldexp(R.getrandbits(R.randint(20, 53)) | 1, -R.randint(1, 60)) for _ in range(1500)]
    return xs


def finite(xs):
    return [x for x in xs if math.isfinite(x)]


def interesting_ints():
    ns = [0, 1, -1, 7, -7, 10, 255, -255, 1000, 999, 1234567, -1234567, 65, 0x10FFFF,
          0x110000, 0xD800, 2 ** 31, 2 ** 32 - 1, 2 ** 63 - 1, -2 ** 63, 2 ** 63, 2 ** 64,
          -2 ** 64, 10 ** 18, 10 ** 19, 10 ** 30, -10 ** 30, 2 ** 100, 3 ** 200,
          2 ** 1023, 2 ** 1024, 2 ** 1024 - 2 ** 970, 2 ** 1024 - 2 ** 970 - 1,
          2 ** 53 + 1, 2 ** 53 + 3, 10 ** 400]
    for _ in range(60):
        ns.append(R.randint(-10 ** 12, 10 ** 12))
    for _ in range(30):
        ns.append(R.getrandbits(R.randint(1, 300)) * R.choice([1, -1]))
    return ns


# ---------------------------------------------------------------- format()

def random_spec(types, allow_junk=True):
    s = ""
    if R.random() < 0.35:
        if R.random() < 0.6:
            s += R.choice("*x0 _é😀,=")
        s += R.choice("<>=^")
    if R.random() < 0.35:
        s += R.choice("+- ")
    if R.random() < 0.1:
        s += "z"
    if R.random() < 0.2:
        s += "#"
    if R.random() < 0.2:
        s += "0"
    if R.random() < 0.5:
        s += str(R.choice([1, 2, 5, 8, 10, 12, 15, 20, 30]))
    if R.random() < 0.25:
        s += R.choice([",", "_"])
    if R.random() < 0.5:
        s += "." + str(R.choice([0, 1, 2, 3, 4, 5, 6, 10, 15, 16, 17, 20, 30, 60]))
    if R.random() < 0.85:
        s += R.choice(types)
    if allow_junk and R.random() < 0.02:
        s += R.choice(["x", "y", "dd", ",", "\x00"])
    return s


FIXED_SPECS = [
    "", "d", "x", "X", "#x", "#X", "#o", "#b", "b", "o", "c", "n", ",", "_", "_x", "_b",
    "_o", "_X", ",d", "08,", "09,", "010,", "011,", "012_", "010_x", "#010_b", "=+10",
    "+", " ", "-", "^10", "*^11", "<5", ">5", "=5", "05", "<05", "x<05", "x=#010x",
    "😀^7", ".2", ".0", "e", "E", "f", "F", "g", "G", "%", ".3%", ",.2f", "_.2f", "z",
    "z.1f", "zf", "#", "#.0f", "#.0e", "#g", "#.3g", "abc", ",_", "_,", ",n", "_c", ",c",
    ",x", "x,", ".", "99999999999999999999", ".99999999999999999999", ".2147483648f",
    "\x01", "é", "\x00", "10\x00", "٣", "0٣", ".٣f", "y", "s", "+c", "#c", "05c", "^5c",
    "=10c", ".2d", "zd", "0=10", "0<10", "0>10", "0^10", "+010", "-010", " 010",
    ",.0f", ".60f", ".30e", ".25g", ".17g", ".16g", ".1g", ".0g", "#.0g",
    ".0e", ".1e", "20.10f", ",.10g", "_g", ",%", "n", ".3n", "10n", "010n", "#.20g", "#,.1f", "=^10", "\U0001F600=+12,.3f", ",e", ".0%",
    "z.0f", "z+.2e", "z%", "z#.1g", "z,.3f",
]


def gen_format_int(cases):
    out = cases.setdefault("format_int", [])
    ints = interesting_ints()
    for i, n in enumerate(ints):
        specs = FIXED_SPECS if i < 25 else R.sample(FIXED_SPECS, 30)
        for spec in specs:
            if n.bit_length() > 1200 and spec not in ("", "d", "x", ",", "e"):
                continue
            out.append([hex(n), "int", spec, run(lambda: format(n, spec))])
        for _ in range(10):
            spec = random_spec("bcdoxXneEfFgG%")
            out.append([hex(n), "int", spec, run(lambda: format(n, spec))])
    # Zero padding with grouping at every width.
    for n in [0, 1, -1, 12, -123, 1234, 12345678, -999999, 2 ** 40]:
        for w in range(1, 33):
            for spec in ["0%d," % w, "0%d_" % w, "+0%d_x" % w, "#0%d_b" % w, "0%dn" % w]:
                out.append([hex(n), "int", spec, run(lambda: format(n, spec))])
    # Arbitrary strings as specs.
    pool = "<>=^+- z#0123456789,_.eEfFgGdxXobcn%sé*"
    for _ in range(1500):
        spec = "".join(R.choice(pool) for _ in range(R.randint(1, 7)))
        n = R.choice(ints)
        out.append([hex(n), "int", spec, run(lambda: format(n, spec))])
    for b in (True, False):
        for spec in ["d", "x", "y", "5", "<5", ",", "+", "c", ".1f", "%", "abc"]:
            out.append([hex(int(b)), "bool", spec, run(lambda: format(b, spec))])
    # The digit limit.
    for n in (10 ** 4299, 10 ** 4300, -10 ** 4300, 10 ** 5000, 2 ** 20000):
        for spec in ["d", "n", ",", "x", "b", "e", "10"] if n < 10 ** 6000 else ["d", "e"]:
            out.append([hex(n), "int", spec, run(lambda: format(n, spec))])


def gen_format_float(cases):
    out = cases.setdefault("format_float", [])
    xs = interesting_floats()
    for i, x in enumerate(xs):
        specs = FIXED_SPECS if i < 70 else R.sample(FIXED_SPECS, 12)
        for spec in specs:
            out.append([bits(x), spec, run(lambda: format(x, spec))])
        for _ in range(10):
            spec = random_spec("eEfFgGn%")
            out.append([bits(x), spec, run(lambda: format(x, spec))])
    # Zero padding with grouping at every width.
    for x in [0.0, -1.5, 1234.5678, 1e-7, float("inf"), -float("nan"), 12345678.9]:
        for w in range(1, 30):
            for spec in ["0%d,.2f" % w, "0%d_" % w, "+0%d,e" % w, "0%d,%%" % w, "0%d,.3g" % w]:
                out.append([bits(x), spec, run(lambda: format(x, spec))])
    # Arbitrary strings as specs.
    pool = "<>=^+- z#0123456789,_.eEfFgGdxXobcn%sé*"
    for _ in range(1500):
        spec = "".join(R.choice(pool) for _ in range(R.randint(1, 7)))
        x = R.choice(xs)
        out.append([bits(x), spec, run(lambda: format(x, spec))])
    # Huge precisions.
    for x in [5e-324, -5e-324, 1.7976931348623157e308, 0.1, 1e22, -1e-300, 123.456, 2.0 ** -1074 * 3,
              1 / 3, 2.2250738585072014e-308, 0.0, float("inf")]:
        for spec in [".120f", ".1000f", ".1100f", ".400g", ".800g", ".2000e", "#.800g", ",.1080f"]:
            out.append([bits(x), spec, run(lambda: format(x, spec))])
    # Rounding at every precision for halfway and near-halfway values.
    for x in [0.125, 0.375, 2.675, 1.005, 0.5, 1.5, 2.5, 1e22, 5e-324, 1e23, 0.1, 2 / 3,
              1 / 3, 9.995, 99.5, 0.000125, 8.5, 12345678.5]:
        for p in range(0, 30):
            for t in "efg":
                spec = ".%d%s" % (p, t)
                out.append([bits(x), spec, run(lambda: format(x, spec))])


def gen_format_complex(cases):
    out = cases.setdefault("format_complex", [])
    xs = interesting_floats()
    pairs = [(0.0, 1.0), (-0.0, 1.0), (0.0, -0.0), (1.0, 2.0), (-1.5, -2.5), (1e20, 1e-20),
             (float("inf"), float("nan")), (0.0, float("inf")), (1.0, 0.0), (-0.0, -0.0)]
    for _ in range(60):
        pairs.append((R.choice(xs), R.choice(xs)))
    specs = ["", "10", "<20", "^30", ">30", "*^30", ".2", ".0", ".3f", "e", "E", "g", "G",
             "n", "f", "F", "+", " ", "-", "+.2f", " .3e", ",.2f", "_", ",", "#", "#.0f",
             "z.1f", "z", "0", "010", "0<10", "=10", "%", "d", "abc", "x<15.2e", ".20g"]
    for re, im in pairs:
        for spec in specs:
            out.append([bits(re), bits(im), spec, run(lambda: format(complex(re, im), spec))])
        for _ in range(5):
            spec = "".join(R.choice("<>=^+- z#0123456789,_.eEfFgGn%*") for _ in range(R.randint(1, 7)))
            out.append([bits(re), bits(im), spec, run(lambda: format(complex(re, im), spec))])
        for _ in range(8):
            spec = random_spec("eEfFgGn")
            out.append([bits(re), bits(im), spec, run(lambda: format(complex(re, im), spec))])


def gen_format_str(cases):
    out = cases.setdefault("format_str", [])
    strs = ["", "a", "abc", "hello world", "é😀x", "ab\x00cd", "0123456789"]
    specs = ["", "s", "5", "<5", ">5", "^5", "^6", "*^9", "😀>4", ".2", ".0", "10.3",
             "<10.2s", "+", " ", "-", "z", "#", "=5", "05", "0>5", ",", "_", ",s", "d",
             "x", ".2d", "abc", "\x00", "y"]
    for s in strs:
        for spec in specs:
            out.append([s, spec, run(lambda: format(s, spec))])
        for _ in range(20):
            spec = random_spec("s")
            out.append([s, spec, run(lambda: format(s, spec))])
        pool = "<>=^+- z#0123456789,_.sdx*"
        for _ in range(60):
            spec = "".join(R.choice(pool) for _ in range(R.randint(1, 6)))
            out.append([s, spec, run(lambda: format(s, spec))])


# ---------------------------------------------------------------- %-formatting

def random_percent(convs):
    s = "%"
    for _ in range(R.choice([0, 0, 1, 2])):
        s += R.choice("-+ #0")
    stars = []
    r = R.random()
    if r < 0.1:
        s += "*"
        stars.append(R.choice([-8, -3, 0, 3, 8, 12]))
    elif r < 0.55:
        s += str(R.choice([1, 3, 5, 8, 10, 15, 25]))
    r = R.random()
    if r < 0.08:
        s += ".*"
        stars.append(R.choice([-2, 0, 1, 3, 8]))
    elif r < 0.5:
        s += "." + str(R.choice([0, 1, 2, 3, 5, 6, 10, 17, 30]))
    elif r < 0.55:
        s += "."
    if R.random() < 0.05:
        s += R.choice("hlL")
    s += R.choice(convs)
    return s, stars


def gen_percent(cases):
    out = cases.setdefault("percent", [])

    def add(fmt, stars, kind, v):
        if kind == "i":
            enc = hex(v)
        elif kind == "f":
            enc = bits(v)
        else:
            enc = v
        out.append([fmt, stars, kind, enc, run(lambda: fmt % tuple(stars + [v]))])

    ints = interesting_ints()
    floats = interesting_floats()
    int_fixed = ["%d", "%i", "%u", "%x", "%X", "%o", "%#x", "%#X", "%#o", "%5d", "%-5d",
                 "%05d", "%-05d", "%+d", "% d", "%+05d", "% 05d", "%.3d", "%+.3d", "%#010x",
                 "%#10x", "%-#10x", "%#.5x", "%#010.5X", "%ld", "%hd", "%Ld", "%+#o", "%20.15d"]
    for i, n in enumerate(ints):
        for fmt in int_fixed if i < 40 else R.sample(int_fixed, 8):
            add(fmt, [], "i", n)
        for _ in range(6):
            fmt, stars = random_percent("diuoxX")
            add(fmt, stars, "i", n)
    float_fixed = ["%f", "%e", "%E", "%g", "%G", "%F", "%.2f", "%10.3f", "%-10.3f", "%010.3f",
                   "%+f", "% f", "%#.0f", "%#.0e", "%#g", "%#.3g", "%.0g", "%.20e", "%.60f",
                   "%+010.2e", "% 012.4g", "%-012.4g", "%.f", "%5.f", "%.100f"]
    for i, x in enumerate(floats):
        for fmt in float_fixed if i < 70 else R.sample(float_fixed, 6):
            add(fmt, [], "f", x)
        for _ in range(4):
            fmt, stars = random_percent("eEfFgG")
            add(fmt, stars, "f", x)
    for s in ["", "a", "hello", "é😀x"]:
        for fmt in ["%s", "%5s", "%-5s", "%.2s", "%8.3s", "%-8.3s", "%05s", "%+s", "%c",
                    "%5c", "%-5c", "%.0s", "%*s", "%-*s", "%.*s"]:
            if fmt.startswith("%c") or fmt[-1] == "c":
                if len(s) != 1:
                    continue
            stars = [6] * fmt.count("*")
            add(fmt, stars, "s", s)
    for n in [10 ** 5000, -10 ** 4300, 10 ** 4299]:
        for fmt in ["%d", "%i", "%x", "%.3e", "%s"]:
            add(fmt, [], "i", n)
    for n in [65, 0x10FFFF, 0x110000, -1, 2 ** 70, 233]:
        for fmt in ["%c", "%3c", "%-3c"]:
            add(fmt, [], "i", n)
    # Parser errors and odd conversions.
    for fmt in ["%", "%5", "%-", "%.", "%5.", "%.5", "%*", "%l", "%5l", "%z", "%y", "%5.2y",
                "%\x01", "%é", "%(a", "%(a(b)", "%%", "%5%", "%99999999999999999999d",
                "%.99999999999999999999f", "%.2147483647d", "%.2147483645d"]:
        stars = [3] if "*" in fmt else []
        add(fmt, stars, "i", 5)


def gen_percent_mapping(cases):
    out = cases.setdefault("percent_mapping", [])
    for fmt, v in [("%(x)d", 5), ("%(x)5d", -5), ("%(a(b))s", "q"), ("%(x)-8.3f", 2.5),
                   ("%()x", 255), ("%(x)", 1), ("%(x", 1), ("%(x)#o", 8), ("%(x)*d", 1)]:
        key = fmt[2:fmt.rindex(")")] if ")" in fmt else ""
        kind = "i" if isinstance(v, int) else "f" if isinstance(v, float) else "s"
        enc = hex(v) if kind == "i" else bits(v) if kind == "f" else v
        out.append([fmt, key, kind, enc, run(lambda: fmt % {key: v})])


# ---------------------------------------------------------------- parsing

UNI_SPACES = ["\u3000", "\x85", "\xa0", "\u2003", "\u2028", "\x1c", "\u200b"]
UNI_DIGITS = ["\u0663", "\u06f5", "\u0967", "\uff19", "\U0001d7ce", "\u00b2", "\u2167"]


def gen_float_parse(cases):
    out = cases.setdefault("float_parse", [])

    def add(s):
        def f():
            return bits(float(s))
        out.append([s, run(f)])

    fixed = ["0", "1", "-1", "+1", "1.", ".5", "-.5", "+.5e1", "1e5", "1E5", "1e+5", "1e-5",
             "1.5e", "1.5e+", "1e5.5", ".", "-", "+", "e5", "", " ", "  1  ", "\t1\n",
             "1_000", "1_000.000_1", "1__0", "_1", "1_", "1._5", "1_.5", "1e1_0", "1e_1",
             "1_e1", "0x10", "0X1p3", "inf", "-inf", "+inf", "Infinity", "-iNfInItY",
             "infinit", "infx", "nan", "-nan", "+NaN", "nan(1)", "in", "1 2", "1,5",
             "1e999", "-1e999", "1e-999", "-1e-999", "2.2250738585072011e-308",
             "2.2250738585072012e-308", "4.9406564584124654e-324", "2.4703282292062327e-324",
             "2.4703282292062328e-324", "1.7976931348623157e308", "1.7976931348623158e308",
             "1.7976931348623159e308", "9007199254740993", "9007199254740992.5",
             "0.1000000000000000055511151231257827021181583404541015625",
             "1" * 400, "0." + "0" * 400 + "1", "1e0000000000000000000000000001",
             "1e99999999999999999999999", "0e99999999999999999999", "00000.0000e-0000",
             "1\x00", "\x001", "١٢٣", "١.٥e٣", "1\u00b2", "0b1", "1e1e1", "--1", "+-1",
             "1.5_", "1_5.2_5e1_0", "1ee5", "nan_", "i_nf", ".e1", "1.e1", "01", "-0",
             "-0.0", "-0e-5", "123456789012345678901234567890", "1e-400", "3.14j", "1.5\x1c"]
    for s in fixed:
        add(s)
    for sp in UNI_SPACES:
        add(sp + "1.5" + sp)
        add(sp + "-inf")
    for d in UNI_DIGITS:
        add(d)
        add("1" + d + ".5")
        add(d + "e" + d)
    for _ in range(1500):
        x = from_bits(R.getrandbits(64))
        if not math.isfinite(x):
            continue
        r = R.random()
        if r < 0.3:
            s = repr(x)
        elif r < 0.6:
            s = "%.*e" % (R.randint(0, 25), x)
        else:
            s = "%.*g" % (R.randint(1, 20), R.uniform(-1e5, 1e5))
        if R.random() < 0.1:
            s = " " + s + "  "
        add(s)
    # Halfway cases between neighbouring doubles.
    for _ in range(300):
        x = from_bits(R.getrandbits(63))
        if not math.isfinite(x) or x == 0:
            continue
        lo, hi = x.as_integer_ratio(), math.nextafter(x, math.inf).as_integer_ratio()
        if not math.isfinite(math.nextafter(x, math.inf)):
            continue
        from fractions import Fraction
        mid = (Fraction(*lo) + Fraction(*hi)) / 2
        # exact decimal of mid: denominator is a power of two
        num, den = mid.numerator, mid.denominator
        k = den.bit_length() - 1
        digits = str(num * 5 ** k)
        if len(digits) > 800:
            continue
        s = digits + "e-" + str(k) if k else digits
        add(s)
        add(digits + "1e-" + str(k + 1))
    for _ in range(300):
        parts = [str(R.randint(0, 999)) for _ in range(R.randint(1, 4))]
        s = "_".join(parts)
        if R.random() < 0.5:
            s += "." + "_".join(str(R.randint(0, 99)) for _ in range(R.randint(1, 3)))
        if R.random() < 0.3:
            s += R.choice("eE") + R.choice(["", "-", "+"]) + str(R.randint(0, 400))
        if R.random() < 0.2:
            i = R.randrange(len(s) + 1)
            s = s[:i] + R.choice("_ .e+-x") + s[i:]
        add(s)


def gen_int_parse(cases):
    out = cases.setdefault("int_parse", [])

    def add(s, base):
        out.append([s, base, run(lambda: hex(int(s, base)))])

    fixed = ["0", "00", "000", "0_0", "010", "0_7", "1", "-1", "+1", " 1 ", "\t-12\n",
             "1_000", "1__000", "_1", "1_", "0x", "0x_", "0x_1f", "0x__1f", "0X1F", "-0x1f",
             "0o17", "0O17", "0o8", "0b101", "0B2", "0b_1", "0b", "1e5", "1.0", "", " ",
             "+", "-", "--1", "+-1", "1 2", "١٢٣", "1\u00b2", "\u30001\u3000", "0x1F ",
             "z", "Z", "zz", "0z", "1\x00", "9" * 30, "-" + "7" * 40, "0_", "00_0",
             "0" * 5000, "1" * 4300, "1" * 4301, "1" * 5000 + "x", "x" + "1" * 5000,
             "1__" + "1" * 5000, "f" * 5000, "0x" + "f" * 5000, "0b" + "1" * 300]
    for s in fixed:
        for base in (0, 10, 16):
            add(s, base)
    for base in [0, 2, 3, 7, 8, 10, 16, 20, 32, 36]:
        for s in ["0", "1", "10", "0x10", "0o10", "0b10", "z", "Z9", "0_1", "1_1",
                  "-0b1_0", "  0o_7  ", "٣"]:
            add(s, base)
    alphabet = "0123456789abcdefxzXOB_ +-"
    for _ in range(1500):
        base = R.choice([0, 0, 2, 8, 10, 10, 16, 16, 36, 5, 12])
        n = R.randint(1, 25)
        s = "".join(R.choice(alphabet) for _ in range(n))
        add(s, base)
    for _ in range(500):
        base = R.choice([0, 2, 8, 10, 16, 36])
        v = R.getrandbits(R.randint(1, 200)) * R.choice([1, -1])
        if base in (0, 10):
            s = str(v)
        else:
            s = format(abs(v), {2: "b", 8: "o", 16: "x", 36: "d"}[base])
            if base == 36:
                s = str(abs(v))
            if v < 0:
                s = "-" + s
        if R.random() < 0.3 and len(s) > 2:
            i = R.randrange(1, len(s) - 1)
            if s[i - 1].isalnum() and s[i].isalnum():
                s = s[:i] + "_" + s[i:]
        add(s, base)


def gen_complex_parse(cases):
    out = cases.setdefault("complex_parse", [])

    def add(s):
        def f():
            z = complex(s)
            return [bits(z.real), bits(z.imag)]
        out.append([s, run(f)])

    for s in ["1", "j", "J", "+j", "-j", "2j", "1+2j", "1-2j", "1+j", "1-J", "(1+2j)", " ( 1+2j ) ",
              "(1+2j", "1+2j)", "()", "(j)", "-1.5e3-infJ", "nan+nanj", "inf", "-inf-infj",
              "infinityj", "1e5j", "1ej", "1e+j", "1.j", ".5j", ".j", "1 + 2j", "1+ 2j", "1j+2",
              "1+2", "1+2jj", "++1j", "+-1j", "1e999+1e-999j", "1_0+2_0j", "1__0j", "_1j",
              "1_j", "1+_2j", "0x1j", "", " ", "(", ")", "1\x00", "\u3000 1+\u0663j \x85",
              "\u0661\u0662j", "1e", "1.5e+2-3.5e-2j", "-0-0j", "-0j", "0j", "(-0+0j)", "nanj",
              "-nanj", "1+nan", "j1", "1jj", "1..5j", "1.5.j", "12345678901234567890j"]:
        add(s)
    for _ in range(600):
        parts = []
        if R.random() < 0.7:
            parts.append(R.choice(["", "+", "-"]) + repr(R.choice([R.uniform(-1e5, 1e5), R.random(), 1e300, 5e-324])).lstrip("-"))
        if R.random() < 0.7:
            parts.append(R.choice(["+", "-"]) + R.choice(["", repr(abs(R.uniform(-1e5, 1e5))), "inf", "nan", "1e-5"]) + R.choice("jJ"))
        t = "".join(parts)
        if R.random() < 0.2:
            t = "(" + t + ")"
        if R.random() < 0.2:
            t = " " + t + "\t"
        if R.random() < 0.15 and t:
            i = R.randrange(len(t) + 1)
            t = t[:i] + R.choice("_ j+-e.()") + t[i:]
        add(t)


def gen_bytes_parse(cases):
    """float(bytes) and int(bytes, base): no Unicode digits or whitespace.
    Bytes travel as latin-1 strings."""
    out = cases.setdefault("float_parse_bytes", [])
    for b in [b"1.5", b" 1.5 ", b"\t\n\x0b\x0c\r1\r", b"1_0", b"_1", b"\xa01", b"1\xa0", b"\x851",
              b"\x1c1", b"inf", b"-nan", b"1e5", b"1e", b"\xb2", b"", b" ", b"1\x00", b"0x1"]:
        out.append([b.decode("latin-1"), run(lambda: bits(float(b)))])
    out = cases.setdefault("int_parse_bytes", [])
    for b in [b"1", b" 12 ", b"\t\n\x0b\x0c\r-1\r", b"1_0", b"_1", b"\xa01", b"1\xa0", b"\x851",
              b"0x1f", b"0b", b"", b"0_0", b"010", b"1\x00", b"\xb2", b"1" * 5000]:
        for base in (0, 10, 16):
            def f():
                return hex(int(b, base))
            try:
                r = {"ok": f()}
            except ValueError as e:
                # The message shows repr(bytes); keep only the type and whether it is the limit.
                msg = str(e)
                r = {"err": ["ValueError", msg if msg.startswith("Exceeds") else "invalid"]}
            out.append([b.decode("latin-1"), base, r])


# ---------------------------------------------------------------- float methods

def gen_float_methods(cases):
    xs = interesting_floats()
    extra = [from_bits(R.getrandbits(64)) for _ in range(400)]
    allx = xs + extra
    cases["float_hex"] = [[bits(x), run(lambda: x.hex())] for x in allx]
    cases["float_repr"] = [[bits(x), repr(x)] for x in allx + tie_floats()]
    cases["ratio"] = [[bits(x), run(lambda: [hex(v) for v in x.as_integer_ratio()])] for x in allx]
    cases["float_to_int"] = [[bits(x), run(lambda: hex(int(x)))] for x in allx]

    out = cases.setdefault("fromhex", [])
    def addh(s):
        out.append([s, run(lambda: bits(float.fromhex(s)))])
    for x in allx:
        addh(x.hex())
    for s in ["0x1.ffffp10", "-0x1p-1074", "0x1p-1075", "0x1.8p-1074", "0x1.0000000000001p-1075",
              "0x1p1024", "0x1.fffffffffffff7p1023", "0x1.fffffffffffff8p1023",
              "0x1.fffffffffffff7ffffffffffffffp1023", "0x0.0000000000001p-1022",
              "0x0.00000000000008p-1022", "0x0.00000000000008000001p-1022",
              "0x0.00000000000018p-1022", "1", "1.", ".8", "0x.8", "0x.", "0x", "x1", "0xp1",
              "1p", "1p+", "1p-1", "  0x1p3  ", "\t-0x1.8p1\n", "+0x1", "-0x0p0", "0x0p9999999",
              "0x1p-99999999999999999999", "0x1p99999999999999999999",
              "0x0p99999999999999999999", "inf", "-inf", "+infinity", "nan", "-nan", "NaN",
              "infinit", "0x1g", "0x1 p1", "0x1.2.3", "0x1p1.5", "0X1P1", "0x1.800000000000081p0",
              "0x1.800000000000080p0", "0x1.800000000000180p0", "0x1.8000000000000800000000001p0",
              "00x1", "0x0x1", " ", "", "\u30001", "1\u3000", "0x" + "0" * 300 + "1p0",
              "0x1" + "0" * 300 + "p-1200", "0x" + "f" * 40 + "p0", "0x123456789abcdefp-50",
              "-0x1.999999999999ap-4", "0x3.243f6a8885a3p0", "0xABCDEF.123p-3"]:
        addh(s)
    for _ in range(400):
        n = R.randint(1, 30)
        s = "0x" + "".join(R.choice("0123456789abcdef") for _ in range(n))
        if R.random() < 0.7:
            i = R.randint(2, len(s))
            s = s[:i] + "." + s[i:]
        s += "p" + str(R.randint(-1150, 1100))
        addh(s)

    out = cases.setdefault("round", [])
    for x in allx:
        for nd in R.sample([0, 1, 2, 3, -1, -2, 5, 10, 15, 17, 20, 300, 323, 324, -308, -309,
                            -300, R.randint(-320, 330)], 6):
            out.append([bits(x), nd, run(lambda: bits(round(x, nd)))])
    for x in [2.675, 0.125, 0.375, 2.5, 25.0, 35.0, 5.0, 15.0, 50.0, 51.0, 1.7976931348623157e308,
              1e308, 9.5, 0.5, -0.5, 1.5, -2.5, 5e-324, 1e-320, 123456.789, 1234567890123456789.0]:
        for nd in range(-310, 330, 1 if abs(x) > 1e300 else 11):
            out.append([bits(x), nd, run(lambda: bits(round(x, nd)))])


def gen_int_conversions(cases):
    ints = interesting_ints() + [2 ** 1024 - 2 ** 970 + 1, -(2 ** 1024 - 2 ** 970 - 1), 10 ** 308,
                                 2 ** 54 + 2, 2 ** 54 + 6, 2 ** 54 + 7, 10 ** 4000]
    for _ in range(300):
        ints.append(R.getrandbits(R.randint(50, 1100)) * R.choice([1, -1]))
    cases["int_to_float"] = [[hex(n), run(lambda: bits(float(n)))] for n in ints]
    cases["int_str"] = [[hex(n), run(lambda: str(n))]
                        for n in ints + [10 ** 4299, 10 ** 4300, -10 ** 4300 + 1, 2 ** 20000]]
    cases["int_base"] = [[hex(n), bin(n), oct(n), hex(n), format(n, "o"), format(n, "x")]
                         for n in ints if n.bit_length() < 2000]


def main():
    cases = {}
    gen_format_int(cases)
    gen_format_float(cases)
    gen_format_complex(cases)
    gen_format_str(cases)
    gen_percent(cases)
    gen_percent_mapping(cases)
    gen_float_parse(cases)
    gen_int_parse(cases)
    gen_bytes_parse(cases)
    gen_complex_parse(cases)
    gen_float_methods(cases)
    gen_int_conversions(cases)
    total = sum(len(v) for v in cases.values())
    with open(OUT, "w") as f:
        json.dump(cases, f, ensure_ascii=True, separators=(",", ":"))
        f.write("\n")
    for k, v in cases.items():
        print("%-16s %6d" % (k, len(v)))
    print("total %d cases, %d bytes" % (total, os.path.getsize(OUT)))


if __name__ == "__main__":
    main()

# The specialised int and float paths: results written into temporaries the
# value stack owns alone, the range loop reusing its variable's int, and the
# cases that must not take those paths (shared operands, small ints,
# overflow into bignums, subclasses, -0.0, nan).
import sys


def float_temporaries(n):
    out = []
    a, b, c = 1.5, 2.25, -0.5
    for _ in range(n):
        x = a * b + c * a - b
        y = (a + b) * (a - b)
        t = a * b
        z = t + t
        out.append((x, y, z, t))
    return out[-1], a, b, c


def shared_operands(n):
    items = [1.25, 2.5]
    ints = [10 ** 6, 7]
    for _ in range(n):
        s = items[0] + items[1]
        m = ints[0] * ints[1]
        d = items[0] - 1.0
    return s, m, d, items, ints


def signed_zero_and_nan(n):
    res = []
    nan = float("nan")
    inf = float("inf")
    for i in range(n):
        a = -0.0 + -0.0
        b = 0.0 * -1.0
        c = -0.0 - 0.0
        d = inf - inf
        e = (nan + 1.0) < 2.0
        f = 1.0 if nan < 1.0 else 2.0
        g = 1.0 if nan != nan else 2.0
        h = 1.0 if nan == nan else 2.0
        res.append((a, b, c, d, e, f, g, h))
    return res[0], res[-1]


def int_overflow(n):
    res = []
    big = 2 ** 62
    top = 2 ** 63 - 1
    low = -(2 ** 63)
    for i in range(n):
        res.append((big + big, top + 1, low - 1, top * 2, low * -1, low + 0, top - top, (big * 4) - top))
    return res[0] == res[-1], res[-1]


def small_int_identity(n):
    # Results in the small-int cache are the cached objects.
    hits = 0
    one = 1
    for i in range(n):
        x = 1000 + i
        y = x - (999 + i)
        z = 300 * 2 - 599
        if y is one and z is one:
            hits += 1
    return hits


class MyInt(int):
    def __add__(self, other):
        return "MyInt.add"

    def __lt__(self, other):
        return "lt"


class MyFloat(float):
    def __mul__(self, other):
        return "MyFloat.mul"


def subclasses(n):
    res = []
    vals = [3, 4.0, 5]
    for i in range(n):
        a = vals[0] + vals[2]
        b = vals[1] * 2.0
        res.append((a, b))
    vals[0] = MyInt(3)
    vals[1] = MyFloat(4.0)
    res.append((vals[0] + vals[2], vals[1] * 2.0, 5 + vals[0], vals[0] < 1))
    vals[0] = True
    res.append((vals[0] + vals[2], True + True, True * 3, True - False))
    return res[0], res[-2], res[-1]


def range_loops():
    seen = []
    for i in range(250, 262):
        seen.append(i)
    last = None
    for i in range(1000, 1005):
        last = i
    kept = []
    for i in range(2 ** 63 - 4, 2 ** 63 - 1):
        kept.append(i)
    for j in range(10, -10, -7):
        kept.append(j)
    total = 0
    for k in range(100000, 100010):
        k += 1
        total += k
    for m in range(0):
        pass
    empty = "unbound" if "m" not in locals() else m
    for big in range(2 ** 64, 2 ** 64 + 3):
        kept.append(big)
    return seen, last, kept, total, i, empty


def loop_var_in_closure():
    fs = []
    for i in range(500, 503):
        fs.append(lambda: i)
    return [f() for f in fs]


def generator_range():
    yield from (i * 2 for i in range(1000, 1003))
    for i in range(2000, 2002):
        yield i


def compares(n):
    res = []
    for i in range(n):
        res.append((1 if i < 3 else 0, 1 if 2 ** 70 > i else 0, 1 if 0.5 < i else 0, 1 if -0.0 == 0.0 else 0))
    return res[:4], res[-1]


def subscripts(n):
    l = list(range(100, 110))
    t = tuple(l)
    res = []
    for i in range(n):
        res.append((l[i % 10], t[i % 10], l[-1], l[True]))
    try:
        l[2 ** 63]
    except IndexError as e:
        res.append(str(e))
    try:
        l[10]
    except IndexError as e:
        res.append(str(e))
    return res[:3], res[-2:]


print(float_temporaries(50))
print(shared_operands(50))
print(signed_zero_and_nan(50))
print(int_overflow(50))
print(small_int_identity(50))
print(subclasses(50))
print(range_loops())
print(loop_var_in_closure())
print(list(generator_range()))
print(compares(50))
print(subscripts(50))


def traced(frame, event, arg):
    if event == "line" and frame.f_code.co_name == "traced_loop":
        lines.append(frame.f_lineno - frame.f_code.co_firstlineno)
    return traced


def traced_loop():
    acc = 0
    for i in range(1000, 1003):
        acc += i
    return acc


lines = []
for _ in range(20):
    traced_loop()
sys.settrace(traced)
print(traced_loop(), lines)
sys.settrace(None)


def into_locals(n):
    # `x = a op b` writes into the object x held when nothing else holds it.
    keep = []
    x = 0.5
    y = 10 ** 6
    acc = 0.0
    for i in range(n):
        x = x * 1.5
        if i == 3:
            keep.append(x)
        y = y + 1
        if i == 4:
            keep.append(y)
        acc = acc + x
        z = x + x
        w = y * 3
        v = y - y
        big = y * y * y * y
        big = big - 1
    return x, y, acc, z, w, v, big, keep


def remainder_floordiv(n):
    res = []
    vals = [7, -7, 3, -3, 1, -1, 2 ** 62, -(2 ** 63)]
    for a in vals:
        for b in vals:
            res.append((a % b, a // b, a & b, a | b, a ^ b, a >> 3, a << 2))
    for a, b in ((5, 0), (5.0, 0)):
        for op in ("%", "//"):
            try:
                res.append(eval("a " + op + " b"))
            except ZeroDivisionError as e:
                res.append(str(e))
    try:
        res.append(1 >> -1)
    except ValueError as e:
        res.append(str(e))
    return res


print(into_locals(40))
print(remainder_floordiv(3))


def divmod_and_str():
    res = []
    vals = [0, 1, -1, 7, -7, 10, -10, 2 ** 63 - 1, -(2 ** 63), 2 ** 64, -(2 ** 70)]
    for a in vals:
        res.append((str(a), repr(a), "%d" % a, f"{a}"))
        for b in vals:
            try:
                res.append(divmod(a, b))
            except ZeroDivisionError as e:
                res.append(str(e))
    for a, b in ((7.5, 2), (-7.5, 2), (7.5, -0.0), (-0.0, 1.0), (1e308, 1e-308)):
        try:
            res.append(divmod(a, b))
        except ZeroDivisionError as e:
            res.append(str(e))

    class I(int):
        def __repr__(self):
            return "I!"

    res.append((str(I(5)), repr(I(5)), str(True), repr(False)))
    return res


print(divmod_and_str())

# Arithmetic mixing floats and ints, and int / int: results, signs of zero,
# rounding of large ints, and the errors (messages differ by operand types).
import math

ints = [0, 1, -1, 3, -7, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 1, -(2 ** 53) - 1, 2 ** 62 + 1, -(2 ** 63), 2 ** 63 - 1]
floats = [0.0, -0.0, 0.5, -2.5, 1e308, -1e-308, math.inf, -math.inf, math.nan]


def show(v):
    if isinstance(v, float):
        return f"{v!r}:{math.copysign(1, v) if v == 0 else ''}"
    return repr(v)


for i in ints:
    for f in floats:
        row = []
        for a, b in ((i, f), (f, i)):
            for name, op in (("+", lambda x, y: x + y), ("-", lambda x, y: x - y),
                             ("*", lambda x, y: x * y), ("/", lambda x, y: x / y)):
                try:
                    row.append(show(op(a, b)))
                except ZeroDivisionError as e:
                    row.append(f"ZDE({e})")
        print(i, f, " ".join(row))

for a in ints:
    for b in ints:
        try:
            r = a / b
        except ZeroDivisionError as e:
            r = f"ZDE({e})"
        print(a, b, r if isinstance(r, str) else show(r))

print(10 ** 400 / 10 ** 399, 1 / 3, -1 / 3, 7 / -2, (2 ** 53 + 1) / 1, (2 ** 60 + 1) / 3)
try:
    10 ** 400 + 1.0
except OverflowError as e:
    print("OverflowError:", e)
try:
    1.0 / 10 ** 400
except OverflowError as e:
    print("OverflowError:", e)
try:
    10 ** 400 / 1
except OverflowError as e:
    print("OverflowError:", e)
x = 0.1
for k in range(1, 30):
    x = x * k / (k + 1) + k - 0.5
print(repr(x), True + 0.5, 2.5 * False, 1.5 / True)


class F(float):
    def __add__(self, other):
        return "F.__add__"

    def __radd__(self, other):
        return "F.__radd__"


class I(int):
    def __truediv__(self, other):
        return "I.__truediv__"


print(F(1.0) + 2, 2 + F(1.0), I(3) / 2, 3 / I(2), I(3) / 2.0)

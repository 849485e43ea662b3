# float methods and parsing.
for v in [0.0, 1.0, -2.0, 2.5, 1e300, 5e-324, 0.1, -0.75, float(2 ** 60)]:
    print(repr(v), v.is_integer(), v.as_integer_ratio(), v.real, v.imag, v.conjugate())
for v in [float("inf"), float("nan")]:
    print(v.is_integer())
    try:
        v.as_integer_ratio()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__ + ":", e)
for s in ["1", "-1.5", "+2.25", "  3e2  ", "1_000.5", "1e-3", ".5", "5.", "inf", "-inf", "+Infinity", "INF",
          "nan", "-NaN", "nAn", "1E+3", "0x10" if False else "10", "١٢.٥", "1e500", "-1e500", "1e-500", "00.1"]:
    print(repr(s), repr(float(s)))
for bad in ["", " ", "1.2.3", "1e", "e3", "1_", "_1", "1__0", "infinit", "nan1", "0x10", "1,5", "- 1"]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", e)
print(float(b"2.5"), float(bytearray(b" 7 ")), float(10 ** 20), float(), float(-0.0))
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
print(float.__name__, (1.5).__trunc__(), (-1.5).__trunc__(), (2.5).__round__(), (1.5).__floor__(), (1.5).__ceil__())
print((-1.5).__floor__(), (-1.5).__ceil__(), int(-1.5), int(1.9999999999999998))
print((2.0).__pow__(3), (2.0).__rtruediv__(1), (7.5).__mod__(2), (7.5).__divmod__(2), (1.5).__abs__(), (-1.5).__neg__())

# int() construction from strings, with bases and edge cases.
cases = [("42", 10), ("-42", 10), ("+7", 10), ("  12  ", 10), ("\t\n-3\n", 10), ("1_000", 10),
         ("0", 10), ("000", 10), ("ff", 16), ("FF", 16), ("0xff", 16), ("0XfF", 0), ("z", 36), ("Z", 36),
         ("0b101", 0), ("0o17", 0), ("0x1f", 0), ("17", 0), ("0", 0), ("00", 0), ("101", 2),
         ("777", 8), ("0o777", 8), ("0b1", 2), ("1_0_1", 2), ("0x_ff", 16), ("-0x10", 0), ("١٢٣", 10),
         ("１２", 10), ("10", 3), ("zz", 36)]
for s, base in cases:
    print(repr(s), base, int(s, base))
bad = [("", 10), (" ", 10), ("1.0", 10), ("1e3", 10), ("0x", 16), ("08", 0), ("1__0", 10), ("_1", 10),
       ("1_", 10), ("12", 2), ("g", 16), ("0b2", 0), ("--1", 10), ("+-1", 10), ("1 2", 10), ("0o8", 0),
       ("abc", 10), ("z", 35)]
for s, base in bad:
    try:
        int(s, base)
        print("unexpectedly parsed", repr(s))
    except ValueError as e:
        print("ValueError:", e)
for base in [1, 37, -1]:
    try:
        int("1", base)
    except ValueError as e:
        print("ValueError:", e)
try:
    int(5, 10)
except TypeError as e:
    print("TypeError:", e)
print(int(), int(3.99), int(-3.99), int(True), int(b"12"), int(bytearray(b" 7 ")), int("7", base=8))
print(int(1e20), int(-0.5), int(2.5e-10))
for v in [float("inf"), float("-inf"), float("nan")]:
    try:
        int(v)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(int("9" * 100) + 1 == 10 ** 100)

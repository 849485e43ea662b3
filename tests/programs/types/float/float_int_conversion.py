# Conversions and comparisons between floats and ints.
for v in [0.9, -0.9, 1e15 + 0.5, 2.5e15, 1e20, -1e20, 1.7976931348623157e308]:
    print(repr(v), int(v))
for n in [2 ** 53, 2 ** 53 + 1, 2 ** 53 + 2, 2 ** 53 + 3, 2 ** 54 + 1, 2 ** 54 + 2, 2 ** 54 + 3, 10 ** 22, 10 ** 23, 2 ** 1023 * 3 // 2]:
    print(n, repr(float(n)), float(n) == n, float(n) < n, float(n) > n)
print(float(2 ** 1024 - 2 ** 970 - 1))
try:
    float(2 ** 1024 - 2 ** 970)
except OverflowError as e:
    print("OverflowError:", e)
print(2 ** 53 + 1 == 2.0 ** 53, 2 ** 53 + 1 > 2.0 ** 53, 2 ** 53 < 2.0 ** 53 + 1)
print(10 ** 30 == 1e30, 10 ** 22 == 1e22, 10 ** 23 == 1e23, int(1e23))
print(1 / 2 == 0.5, 3 // 2.0, 3 / 2, 4 / 2 == 2, type(4 // 2.0).__name__)
print(True + 0.5, 1 + 1.0, type(1 + 1.0).__name__, 2 * 0.5, type(2 * 0.5).__name__)
print(int("1" + "0" * 20) / 10 ** 20, 10 ** 300 // 1e300)
try:
    10 ** 400 // 1e300
except OverflowError as e:
    print("OverflowError:", e)
try:
    10 ** 400 * 1.0
except OverflowError as e:
    print("OverflowError:", e)
print((2 ** 63) / 2 ** 62, (2 ** 1100) / (2 ** 1090), 10 ** 400 / 10 ** 399)
print(sorted([1, 0.5, 2 ** 60, 1e18, -3, -3.5]))
print(max(2 ** 53 + 1, float(2 ** 53)), min(0, -0.0), min(-0.0, 0))

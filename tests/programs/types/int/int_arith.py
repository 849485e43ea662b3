# Integer arithmetic semantics: floor division, modulo, pow, with negatives.
pairs = [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 5), (6, 3), (-6, 3), (1, 10**20), (-1, 10**20)]
for a, b in pairs:
    print(f"{a:>4} {b:>22}: // {a // b:>3}  % {a % b:>22}  divmod {divmod(a, b)}  / {a / b!r}")
print(pow(2, 10), pow(2, -1), pow(-2, 3), pow(-2, -3), pow(0, 0), pow(-1, 10**9 + 1))
print(pow(3, 4, 5), pow(-3, 4, 5), pow(3, 4, -5), pow(7, 0, 1), pow(123456789, 987654321, 1000000007))
print(pow(3, -1, 7), pow(2, -3, 11), pow(-5, -1, 13))
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError:", e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print("TypeError:", e)
print(2 ** 62, 2 ** 63, 2 ** 64 - 1, -(2 ** 63), 10 ** 18 * 10)
print(9223372036854775807 + 1, -9223372036854775808 - 1, 4611686018427387904 * 2)
print(123456789 * 987654321, 3 ** 40, 7 ** 23 % 1000)
print(abs(-5), abs(-2 ** 70), -(-5), +5)
print(17 // 5 * 5 + 17 % 5 == 17, -17 // 5 * 5 + -17 % 5 == -17)
print(10 / 3, -10 / 3, 2 ** 53 + 1, (2 ** 53 + 1) / 1, 10 ** 30 / 10 ** 10)
print(1 / 3 * 3, 7 / 7, type(4 / 2).__name__)
try:
    10 ** 400 / 3
except OverflowError as e:
    print("OverflowError:", e)
print(10 ** 400 // 10 ** 398, (10 ** 400) % 7, divmod(10 ** 30, -7))
print(round(7 / 2), round(5 / 2), round(-7 / 2))
print(int(7 / 2), int(-7 / 2), -7 // 2)

# Float arithmetic details: division, modulo, pow, signed zero, errors.
pairs = [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2), (0.0, 3), (-0.0, 3), (1e-300, 1e300), (5, 0.5), (1, 0.1)]
for a, b in pairs:
    print(a, b, a / b, a // b, a % b, divmod(a, b))
print(-0.0 % 5, 0.0 % -5, -1e-20 % 1, 1e-20 % -1, 3.0 % 1.0, -3.0 % 1.0)
print(2.0 ** 0.5, 2 ** -0.5, (-8.0) ** 3, (-8.0) ** -1, 0.0 ** 0.0, 4 ** 0.5, 1.0 ** 1e308)
print(type((-8) ** 0.5).__name__, (-4.0) ** 0.5, (-1) ** 0.5)
for a, b in [(1.0, 0), (1.0, 0.0), (0.0, 0.0), (-1.0, -0.0)]:
    for op in ("/", "//", "%"):
        try:
            r = a / b if op == "/" else (a // b if op == "//" else a % b)
            print(a, op, b, r)
        except ZeroDivisionError as e:
            print(a, op, b, "ZeroDivisionError:", e)
for bad in [lambda: 0.0 ** -1, lambda: 10.0 ** 400, lambda: (-10.0) ** 401.0, lambda: 2.0 ** 5000]:
    try:
        print(bad())
    except (ZeroDivisionError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
print(0.1 + 0.2 == 0.3, abs((0.1 + 0.2) - 0.3) < 1e-15, 0.1 * 3 == 0.3, 0.5 + 0.25 == 0.75)
print(1e16 + 1 == 1e16, 1e16 + 2, 2 ** 53 + 1.0, float(2 ** 53 + 1))
print(1.0 / 3 * 3 == 1.0, 0.1 * 10 == 1.0, sum([0.1] * 10) == 1.0)
x = 1.0
for _ in range(60):
    x /= 2
print(x, x * 2 ** 60)
tiny = 5e-324
print(tiny / 2, tiny * 0.5, tiny * 0.6, -tiny / 2)
print(7 / 2, 7.0 // 2, -7.0 // 2, 7 % 2.5, -7 % 2.5, 2.5 * 4, 10 - 0.1, 3 * 1.1)

# round() on floats: banker's rounding and binary representation effects.
for v in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.49999999999999994, 4.5000001]:
    print(v, round(v), type(round(v)).__name__)
for v, n in [(2.675, 2), (2.665, 2), (1.005, 2), (0.125, 2), (0.375, 2), (1.25, 1), (1.35, 1), (123.456, -1),
             (123.456, -2), (123.456, -3), (5.5, 0), (6.5, 0), (-6.5, 0), (1e20, 2), (1.23456789, 5),
             (0.1 + 0.2, 15), (0.1 + 0.2, 16), (1234.5678, -2), (-0.0, 1), (7.0, 3), (1e-20, 25)]:
    r = round(v, n)
    print(f"round({v!r}, {n}) = {r!r}", type(r).__name__)
print(round(1e300, -299), round(1.5e300), round(-1e20))
print(round(2.5, None), round(float(2 ** 60)), round(0.0), round(-0.4))
for v in [float("inf"), float("-inf"), float("nan")]:
    try:
        round(v)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__ + ":", e)
    print(round(v, 2))
print(round(12345.6789, 400), round(12345.6789, -400))

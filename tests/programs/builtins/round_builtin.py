# round() on ints, floats and custom types.
print(round(3), round(-3), round(2.5), round(3.5), round(-2.5), round(0.5), round(1.4999999), type(round(2.7)).__name__)
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(5, 1), type(round(5, 1)).__name__)
print(round(3.14159, 2), round(3.14159, 0), round(-3.14159, 3), round(2.5, 0), round(1e300, 2), round(0.1 + 0.2, 10))
print(round(True), round(False, 2), round(10 ** 30 + 1, -29), round(float("inf"), 1))
class R:
    def __round__(self, n=None):
        return f"rounded({n})"
print(round(R()), round(R(), 3), round(R(), None))
for bad in [lambda: round("1"), lambda: round(1.5, 1.5), lambda: round(float("nan")), lambda: round(float("inf")), lambda: round()]:
    try:
        bad()
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)

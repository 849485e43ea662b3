# format() builtin and __format__ dispatch.
print(format(3.14159, ".2f"), format(42, "08b"), format("s", "^5"), format(1234567, ","), format(0.5, "%"), format(True, ""))
print(format(None), format([1, 2]), format((1,), ""), format({"a": 1}), format(b"x"), format(1j, ".1f"))
class F:
    def __format__(self, spec):
        return f"F[{spec}]"
print(format(F()), format(F(), "xyz"), f"{F():abc}", "{:q}".format(F()))
class NoFormat:
    def __str__(self): return "nf"
print(format(NoFormat()), format(NoFormat(), ""))
for bad in [lambda: format(NoFormat(), "x"), lambda: format(1, "z"), lambda: format("s", "d"), lambda: format(1.5, "q"),
            lambda: format([], "x"), lambda: format(1, 2)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
class BadFormat:
    def __format__(self, spec): return 5
try:
    format(BadFormat())
except TypeError as e:
    print("TypeError:", e)

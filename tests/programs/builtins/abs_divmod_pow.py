# abs(), divmod() and pow().
print(abs(-3), abs(3), abs(-0), abs(-2.5), abs(-0.0), abs(3 - 4j), abs(True), abs(-10 ** 30), abs(float("-inf")))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5), divmod(17.5, 5), divmod(-17.5, 5), divmod(10 ** 20, 7))
print(divmod(True, 2), divmod(7, 0.5), divmod(0, 3), divmod(-1e-300, 1))
print(pow(2, 8), pow(2, -2), pow(2.0, 3), pow(-8, 1 / 3) == (-8) ** (1 / 3), pow(0, 0), pow(5, 3, 7), pow(-5, 3, 7), pow(5, -1, 7))
print(pow(base=3, exp=2), pow(3, 2, mod=5), pow(2, 100, 10 ** 9 + 7), pow(1j, 2))
for bad in [lambda: abs("x"), lambda: divmod(1, 0), lambda: divmod("a", 1), lambda: pow(2, 3, 0), lambda: pow(2, 0.5, 3),
            lambda: pow(0, -1), lambda: divmod(1j, 1), lambda: pow()]:
    try:
        bad()
    except (TypeError, ValueError, ZeroDivisionError) as e:
        print(type(e).__name__ + ":", e)
class N:
    def __abs__(self): return "abs!"
    def __divmod__(self, o): return ("dm", o)
    def __rdivmod__(self, o): return ("rdm", o)
    def __pow__(self, e, m=None): return ("pow", e, m)
    def __rpow__(self, b): return ("rpow", b)
print(abs(N()), divmod(N(), 1), divmod(1, N()), pow(N(), 2), pow(N(), 2, 3), pow(2, N()), 2 ** N())

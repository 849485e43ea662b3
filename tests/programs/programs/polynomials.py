# Polynomials with integer coefficients: arithmetic, evaluation, derivatives, division, pretty printing.
class Poly:
    def __init__(self, coeffs):
        coeffs = list(coeffs)
        while len(coeffs) > 1 and coeffs[-1] == 0:
            coeffs.pop()
        self.c = coeffs or [0]
    @classmethod
    def x(cls):
        return cls([0, 1])
    @property
    def degree(self):
        return -1 if self.c == [0] else len(self.c) - 1
    def __call__(self, x):
        result = 0
        for coef in reversed(self.c):
            result = result * x + coef
        return result
    def __add__(self, o):
        o = o if isinstance(o, Poly) else Poly([o])
        n = max(len(self.c), len(o.c))
        return Poly([(self.c[i] if i < len(self.c) else 0) + (o.c[i] if i < len(o.c) else 0) for i in range(n)])
    __radd__ = __add__
    def __neg__(self):
        return Poly([-a for a in self.c])
    def __sub__(self, o):
        return self + (-o if isinstance(o, Poly) else Poly([-o]))
    def __rsub__(self, o):
        return -self + o
    def __mul__(self, o):
        o = o if isinstance(o, Poly) else Poly([o])
        out = [0] * (len(self.c) + len(o.c) - 1)
        for i, a in enumerate(self.c):
            for j, b in enumerate(o.c):
                out[i + j] += a * b
        return Poly(out)
    __rmul__ = __mul__
    def __pow__(self, n):
        result = Poly([1])
        base = self
        while n:
            if n & 1:
                result = result * base
            base = base * base
            n >>= 1
        return result
    def __divmod__(self, d):
        if d.degree < 0:
            raise ZeroDivisionError("polynomial division by zero")
        rem = list(self.c)
        q = [0] * max(1, len(rem) - len(d.c) + 1)
        while len(rem) >= len(d.c) and any(rem):
            shift = len(rem) - len(d.c)
            lead = rem[-1]
            if lead % d.c[-1]:
                raise ValueError("non-integer quotient")
            factor = lead // d.c[-1]
            q[shift] = factor
            for i, b in enumerate(d.c):
                rem[shift + i] -= factor * b
            rem.pop()
        return Poly(q), Poly(rem)
    def __eq__(self, o):
        return isinstance(o, Poly) and self.c == o.c
    def derivative(self):
        return Poly([i * a for i, a in enumerate(self.c)][1:])
    def __repr__(self):
        if self.c == [0]:
            return "0"
        terms = []
        for power in range(len(self.c) - 1, -1, -1):
            a = self.c[power]
            if a == 0:
                continue
            sign = "-" if a < 0 else "+"
            mag = abs(a)
            body = "" if mag == 1 and power else str(mag)
            var = "" if power == 0 else ("x" if power == 1 else f"x^{power}")
            terms.append((sign, body + var))
        first_sign, first = terms[0]
        text = ("-" if first_sign == "-" else "") + first
        for sign, t in terms[1:]:
            text += f" {sign} {t}"
        return text
x = Poly.x()
p = 3 * x ** 3 - 2 * x + 7
q = x ** 2 + x - 1
print("p =", p, "| q =", q, "| degrees", p.degree, q.degree, Poly([0]).degree)
print("p + q =", p + q)
print("p - q =", p - q)
print("p * q =", p * q)
print("q^5 =", q ** 5)
print("p(2) =", p(2), "q(-3) =", q(-3), "p(10**10) =", p(10 ** 10))
print("p' =", p.derivative(), "p'' =", p.derivative().derivative(), "p'''' =", p.derivative().derivative().derivative().derivative())
quot, rem = divmod(x ** 4 - 1, x - 1)
print("(x^4 - 1) / (x - 1) =", quot, "remainder", rem)
quot, rem = divmod(p * q + 5, q)
print("(p*q + 5) / q =", quot, "remainder", rem, quot == p)
print((x + 1) ** 10)
print([((x - 1) ** n)(2) for n in range(6)], Poly([0, 0, 0]), -x, 1 - x, x - x)
try:
    divmod(p, Poly([0]))
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    divmod(x ** 2, 2 * x + 1)
except ValueError as e:
    print("ValueError:", e)
def newton_root(poly, guess, steps=30):
    d = poly.derivative()
    for _ in range(steps):
        guess = guess - poly(guess) / d(guess)
    return guess
print("root of x^2 - 2 near 1: %.12f" % newton_root(x ** 2 - 2, 1.0))
print("real root of p: %.9f" % newton_root(p, -1.0), "check %.2e" % abs(p(newton_root(p, -1.0))))

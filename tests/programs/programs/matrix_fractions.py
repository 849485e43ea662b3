# Exact matrix algebra with a hand-written Fraction class.
def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)
class Fraction:
    __slots__ = ("n", "d")
    def __init__(self, n, d=1):
        if d == 0:
            raise ZeroDivisionError("Fraction(%d, 0)" % n)
        if isinstance(n, Fraction):
            n, d = n.n, n.d * d
        g = gcd(n, d) or 1
        if d < 0:
            g = -g
        self.n, self.d = n // g, d // g
    @staticmethod
    def of(x):
        return x if isinstance(x, Fraction) else Fraction(x)
    def __add__(self, o):
        o = Fraction.of(o)
        return Fraction(self.n * o.d + o.n * self.d, self.d * o.d)
    __radd__ = __add__
    def __sub__(self, o):
        o = Fraction.of(o)
        return Fraction(self.n * o.d - o.n * self.d, self.d * o.d)
    def __rsub__(self, o):
        return Fraction.of(o) - self
    def __mul__(self, o):
        o = Fraction.of(o)
        return Fraction(self.n * o.n, self.d * o.d)
    __rmul__ = __mul__
    def __truediv__(self, o):
        o = Fraction.of(o)
        return Fraction(self.n * o.d, self.d * o.n)
    def __neg__(self):
        return Fraction(-self.n, self.d)
    def __eq__(self, o):
        o = Fraction.of(o)
        return self.n == o.n and self.d == o.d
    def __hash__(self):
        return hash((self.n, self.d))
    def __lt__(self, o):
        o = Fraction.of(o)
        return self.n * o.d < o.n * self.d
    def __abs__(self):
        return Fraction(abs(self.n), self.d)
    def __repr__(self):
        return str(self.n) if self.d == 1 else f"{self.n}/{self.d}"
def mat(rows):
    return [[Fraction(x) for x in row] for row in rows]
def show(m):
    width = max(len(repr(x)) for row in m for x in row)
    return "\n".join("[ " + " ".join(f"{x!r:>{width}}" for x in row) + " ]" for row in m)
def matmul(a, b):
    return [[sum((a[i][k] * b[k][j] for k in range(len(b))), Fraction(0)) for j in range(len(b[0]))] for i in range(len(a))]
def transpose(m):
    return [list(col) for col in zip(*m)]
def identity(n):
    return [[Fraction(int(i == j)) for j in range(n)] for i in range(n)]
def determinant(m):
    m = [row[:] for row in m]
    n = len(m)
    det = Fraction(1)
    for col in range(n):
        pivot = next((r for r in range(col, n) if m[r][col] != 0), None)
        if pivot is None:
            return Fraction(0)
        if pivot != col:
            m[col], m[pivot] = m[pivot], m[col]
            det = -det
        det = det * m[col][col]
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            m[r] = [x - factor * y for x, y in zip(m[r], m[col])]
    return det
def inverse(m):
    n = len(m)
    aug = [row[:] + ident for row, ident in zip(m, identity(n))]
    for col in range(n):
        pivot = next((r for r in range(col, n) if aug[r][col] != 0), None)
        if pivot is None:
            raise ValueError("matrix is singular")
        aug[col], aug[pivot] = aug[pivot], aug[col]
        p = aug[col][col]
        aug[col] = [x / p for x in aug[col]]
        for r in range(n):
            if r != col and aug[r][col] != 0:
                f = aug[r][col]
                aug[r] = [x - f * y for x, y in zip(aug[r], aug[col])]
    return [row[n:] for row in aug]
print(Fraction(6, 8), Fraction(-3, -9), Fraction(5, -10), Fraction(1, 3) + Fraction(1, 6), Fraction(3, 4) * 2, 1 - Fraction(1, 3))
print(sorted([Fraction(1, 2), Fraction(1, 3), Fraction(2, 3), Fraction(-1, 5)]), Fraction(2, 4) == Fraction(1, 2), len({Fraction(1, 2), Fraction(2, 4)}))
A = mat([[2, 1, 1], [1, 3, 2], [1, 0, 0]])
B = mat([[1, 2], [0, 1], [4, 0]])
print(show(A))
print("det(A) =", determinant(A))
Ainv = inverse(A)
print(show(Ainv))
print("A * A^-1 == I:", matmul(A, Ainv) == identity(3))
print(show(matmul(A, B)))
print(show(transpose(B)))
H = [[Fraction(1, i + j + 1) for j in range(4)] for i in range(4)]
print("Hilbert det:", determinant(H))
print(show(inverse(H)))
try:
    inverse(mat([[1, 2], [2, 4]]))
except ValueError as e:
    print("ValueError:", e)
try:
    Fraction(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)

# int methods and attributes beyond arithmetic.
for n in [0, 7, -7, 10 ** 20, True]:
    print(n, n.real, n.imag, n.numerator, n.denominator, n.conjugate(), n.as_integer_ratio())
print(type((5).real).__name__, type(True.real).__name__, type(True.conjugate()).__name__)
print(int.__index__(5), (5).__index__(), (5).__int__(), (5).__float__(), (5).__trunc__())
print((5).__floor__(), (5).__ceil__(), (5).__round__(), (1234).__round__(-2), (-1250).__round__(-2))
print(round(1234, -1), round(1235, -1), round(1245, -1), round(-1255, -1), round(5, 2), round(15, -1), round(25, -1))
print(round(10 ** 20 + 5, -1), round(7, -5), type(round(7, -1)).__name__)
print((255).__format__("x"), (255).__format__(""), int.__add__(2, 3), int.__sub__(2, 3))
print((3).__add__(1.5), (3).__mul__("x"), (3).__radd__(4), (3).__rsub__(10))
print((3).__pow__(2), (3).__pow__(2, 5), (3).__lt__(4), (3).__eq__(3.0), (3).__eq__("3"))
print((-5).__abs__(), (5).__neg__(), (5).__invert__(), (5).__bool__(), (0).__bool__())
print(int.__new__(int, "12"), int.__name__, int.__qualname__, int.__mro__)
print(isinstance(True, int), issubclass(bool, int), int("12") is not None)
print(sorted([3, -1, 2, True, False]), sum([True, True, 3]))
print(max(1, 2, 3), min(-1, -2), abs(-0), -0 == 0)
x = 10
x += 1
x *= 3
x -= 3
x //= 4
x **= 2
x %= 7
print(x)

# Complex arithmetic.
a = 3 + 4j
b = 1 - 2j
print(a + b, a - b, a * b, a / b, -a, +a, abs(a), a.conjugate(), a == 3 + 4j, a != b)
print(a + 1, 1 + a, a * 2, 2.5 * a, a / 2, 1 / a, a - True, a ** 2, a ** 0, a ** 1, a ** -1)
print(2 ** a, 1j ** 2, 1j ** 1j, (-1) ** 0.5, (-8) ** (1 / 3))
print(pow(a, 2), pow(1j, 3), abs(-5j), abs(complex(3e200, 4e200)))
try:
    a / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    a / 0j
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    0j ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
for bad in [lambda: a // b, lambda: a % b, lambda: divmod(a, b), lambda: a < b, lambda: pow(a, 2, 3),
            lambda: int(a), lambda: float(a), lambda: round(a), lambda: a & 1]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(a == 3 + 4j, 3 + 0j == 3, 3 + 0j == 3.0, 1j == 1, (1 + 0j) in {1}, hash(1 + 0j) == hash(1))
print((1 + 2j) * (1 - 2j), (1 + 1j) ** 8, (0.5 + 0.5j) * 2)
z = 1 + 1j
z += 1
z *= 1j
z -= 2j
z /= 2
print(z)
print(sum([1j, 2, 3.5, 1 + 1j]), 1j * 1j == -1)

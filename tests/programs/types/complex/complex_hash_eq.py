# Equality and hashing of complex numbers across numeric types.
print(1 + 0j == 1, 1 + 0j == 1.0, 1 + 0j == True, 0j == 0, 0j == -0.0, 1j == 1j, complex(1, -0.0) == 1)
print(hash(1 + 0j) == hash(1), hash(2.5 + 0j) == hash(2.5), hash(0j) == hash(0), hash(complex(0, -0.0)) == hash(0j))
print(hash(1j), hash(2 - 3j), hash(complex(1.5, 2.5)), hash(complex(-1, -1)))
d = {1: "int"}
d[1 + 0j] = "complex"
d[1.0] = "float"
print(d, {1j: "a", 1j + 0: "b"}, len({0j, 0, 0.0, False}))
print(1j in [1j], (1 + 2j) in {1 + 2j: 0}, [1, 2] == [1 + 0j, 2.0 + 0j])
print(complex(float("nan"), 0) == complex(float("nan"), 0), complex(float("inf"), 0) == float("inf"))
try:
    sorted([1j, 2j])
except TypeError as e:
    print("TypeError:", e)
print(sorted([3 + 4j, 1 + 1j, 0j], key=abs), max([1 + 1j, -2j, 1], key=abs), min([3j, 4, -5 + 0j], key=lambda z: (z.real, z.imag)))

# repr and str of complex numbers.
vals = [0j, -0j, complex(0, -0.0), complex(-0.0, 0), complex(-0.0, -0.0), 1j, -1j, 1 + 1j, 1 - 1j, -1 + 0j,
        complex(1.5, 2.25), complex(1e20, 1e-20), complex(1e16, 1), complex(0.1, 0.2), 3 + 0j, complex(-3, 0),
        complex(float("inf"), 0), complex(0, float("inf")), complex(float("nan"), 1), complex(1, float("nan")),
        complex(float("-inf"), float("-inf")), complex(2 ** 53, 0), complex(123456789.125, -0.5)]
for v in vals:
    print(repr(v), str(v), v.real, v.imag)
print([1j, 2 + 3j], (1j,), {1j: 1j})
print(f"{1 + 2j}", "%s" % (1 - 2j), "%r" % 3j, str(complex()))

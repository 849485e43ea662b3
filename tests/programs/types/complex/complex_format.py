# Formatting complex numbers.
vals = [0j, 1 + 2j, -1.5 - 0.25j, 3j, complex(1e10, -1e-10), complex(float("inf"), float("nan"))]
for spec in ["", "g", ".2f", "e", ".3g", "10.1f", "<20", ">20.2f", "^22", "+.1f", " .1f", "f", "F", "E", "G", "_.1f", "*>16.1f"]:
    print(f"{spec!r:8}", " | ".join(format(v, spec) for v in vals))
for bad in ["d", "%", "=10.1f", "010.1f", "c"]:
    try:
        format(1 + 1j, bad)
    except ValueError as e:
        print("ValueError:", e)
print("{0.real} {0.imag} {0:.1f}".format(2 - 3j), f"{1j!r:>6}")
print("%s %r" % (1j, -1j))
try:
    "%f" % 1j
except TypeError as e:
    print("TypeError:", e)

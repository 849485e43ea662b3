# complex() constructor and attributes.
print(complex(), complex(1), complex(1.5), complex(1, 2), complex(1.5, -2.5), complex(True, False))
print(complex(1j), complex(1j, 1j), complex(1 + 2j, 3 + 4j), complex(real=1, imag=2), complex(imag=3))
for s in ["1", "1j", "-1j", "1+2j", "1-2j", " 3+4j ", "(1+2j)", "  ( -1.5e3-2.5e-3j )  ", "j", "-j", "+j",
          "1e3j", "inf", "-infj", "nan+nanj", "1_0+2_0j", "2J", "0x", "1+", "1+2", "(1+2j", "1 + 2j", "j1", ""]:
    try:
        print(repr(s), complex(s))
    except ValueError as e:
        print(repr(s), "ValueError:", e)
for bad in [lambda: complex("1", 2), lambda: complex(1, "2"), lambda: complex(None), lambda: complex([1])]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
z = complex(2, -3)
print(z.real, z.imag, type(z.real).__name__, z.conjugate(), z.__abs__(), z.__neg__(), z.__pos__())
try:
    z.real = 5
except AttributeError as e:
    print("AttributeError:", e)
class C:
    def __complex__(self): return 5j
print(complex(C()), complex(C()) + 1)
print(isinstance(1j, complex), issubclass(complex, object), complex.__name__, type(1j) is complex)
print((1).real, (1).imag, (1.5).imag, True.imag, (1).conjugate(), (2.5).conjugate())

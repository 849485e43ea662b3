# bool: an int subclass with two instances.
print(True, False, repr(True), str(False), type(True).__name__, bool.__mro__)
print(True + True, True * 10, False - 1, True / 2, True // 1, True % 2, -True, +False, True ** 10)
print(True & False, True | False, True ^ True, False ^ True, type(True & False).__name__, type(True & 1).__name__)
print(~True, ~False, True << 4, True >> 1)
print(True == 1, False == 0, True is True, True == 1.0, True != 2, True > False, False < -1)
print(int(True), float(True), complex(False), str(True), f"{True}", f"{True:d}", f"{True:>5}", "%d" % True, "%s" % False)
print(bool(), bool(0), bool(1), bool(-1), bool(0.0), bool("False"), bool([]), bool([[]]), bool(None))
print(sum([True, False, True]), max(True, 2), sorted([True, False, 0, 1]), [True, False].count(1))
print(isinstance(True, int), isinstance(1, bool), issubclass(bool, int), bool(True) is True)
print({True: "a", 1: "b"}, {0: "x", False: "y"}, len({True, 1, 1.0}))
print(True.bit_length(), True.numerator, True.real, True.to_bytes(1, "big"), True.as_integer_ratio())
try:
    class B(bool):
        pass
except TypeError as e:
    print("TypeError:", e)
print(bool.__new__(bool, 5), bool("x") and "yes", not True, not not 0)
print(hash(True), hash(False), True.__hash__() == hash(1))
print(["no", "yes"][True], "abc"[True:], (10, 20)[False])
x = True
x += 1
print(x, type(x).__name__)
print(True is not False, (True, False) == (1, 0), str(True).upper(), repr(bool))

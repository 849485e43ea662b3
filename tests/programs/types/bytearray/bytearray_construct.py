# bytearray constructors, comparisons, and conversions.
print(bytearray(), bytearray(4), bytearray(b"ab"), bytearray("hé", "utf-8"), bytearray([1, 255]), bytearray(range(65, 70)))
print(bytearray(x for x in b"gen"), bytearray(bytearray(b"c")), bytearray.fromhex("ff 00"), bytearray(b"x").hex())
for bad in [lambda: bytearray("s"), lambda: bytearray([256]), lambda: bytearray(-2), lambda: bytearray(1.0), lambda: bytearray(["a"])]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
a = bytearray(b"abc")
b = a
a += b"d"
print(a is b, b, a * 0, bytearray(b"x") + bytearray(b"y"))
print(a == b"abcd", a > bytearray(b"abc"), a.decode("ascii"), str(a, "ascii"), list(a), tuple(a), len(a))
print(type(a[0]).__name__, type(a[:1]).__name__, a[1:3], a.copy() == a, a.copy() is a)
print(isinstance(a, bytearray), issubclass(bytearray, bytes), bytearray.__name__, repr(bytearray(b"\n\x00")))

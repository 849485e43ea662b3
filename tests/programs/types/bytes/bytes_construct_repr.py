# Constructing bytes and their repr.
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes(b"copy"), bytes(bytearray(b"ba")), bytes("é", "utf-8"))
print(bytes((x for x in [104, 105])), bytes([]), bytes.__new__(bytes, b"n"))
for bad in [lambda: bytes([256]), lambda: bytes([-1]), lambda: bytes("str"), lambda: bytes(-1), lambda: bytes(["a"]),
            lambda: bytes(1.5), lambda: bytes("x", "no-codec"), lambda: bytes(5, "utf-8")]:
    try:
        bad()
    except (ValueError, TypeError, LookupError) as e:
        print(type(e).__name__ + ":", e)
print(repr(bytes(range(32))))
print(repr(bytes(range(32, 127))))
print(repr(bytes(range(127, 140))), repr(b"\xff"))
print(repr(b"'"), repr(b'"'), repr(b"'\""), repr(b"\\"), repr(b"\t\n\r"), str(b"s"), f"{b'f'}", "%s|%r" % (b"p", b"q"))
class B:
    def __bytes__(self): return b"custom"
print(bytes(B()), b"%s" % B())
print(b"%d %s %r %x %c %5.2f %%" % (5, b"bs", b"r", 255, 65, 3.14159), b"%(k)s" % {b"k": b"v"}, b"%a" % "é")
try:
    b"%s" % "str"
except TypeError as e:
    print("TypeError:", e)
class Idx:
    def __index__(self): return 3
print(bytes(Idx()), bytes([Idx()]))

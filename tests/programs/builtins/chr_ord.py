# chr() and ord().
print([ord(c) for c in "AZaz09 \n\x00\x7f"], [chr(i) for i in (65, 97, 48, 32)], repr(chr(0)), repr(chr(127)))
print(ord("é"), ord("€"), ord("😀"), ord("\U0010ffff"), chr(233), chr(8364), chr(0x1F600), repr(chr(0x10FFFF)), repr(chr(0xD800)))
print(ord(b"A"), ord(bytearray(b"z")), ord(chr(1234)) == 1234, all(ord(chr(i)) == i for i in range(0, 0x110000, 997)))
print("".join(chr(ord(c) ^ 32) for c in "Hello"), [chr(c) for c in range(ord("a"), ord("f"))])
for bad in [lambda: chr(-1), lambda: chr(0x110000), lambda: chr("a"), lambda: chr(1.5), lambda: ord(""), lambda: ord("ab"),
            lambda: ord(65), lambda: ord(b"ab"), lambda: chr(2 ** 64)]:
    try:
        bad()
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
class I:
    def __index__(self): return 97
print(chr(I()), repr(chr(True)))

# Edge cases of bytes split/strip/whitespace (ASCII whitespace only).
ws = b" \t\n\r\x0b\x0c"
print((b"a" + ws + b"b").split(), (b"a\x1cb\x85c\xa0d").split(), b"a\x1cb".splitlines(), b"a\x0bb\x0cc".splitlines())
print(b"  a b  ".split(None, 1), b"  a b  ".rsplit(None, 1), b"a  b".split(b" "), b",".split(b","), b"".split(b","), b"".split())
print(b"\xa0x\xa0".strip(), b"\x00x\x00".strip(b"\x00"), b"\x85abc".isspace(), b" \x0b".isspace())
print(b"mississippi".split(b"ss"), b"mississippi".rsplit(b"ss", 1), b"mississippi".count(b"ss"), b"mississippi".count(b"s", 4, 7))
print(b"abc".split(maxsplit=1), b"a b c".split(maxsplit=1), b"a b c".rsplit(maxsplit=1), b"1,2,3".split(b",", maxsplit=1))
print(b"A\xc0b".lower(), b"a\xe0B".upper(), b"\xc9cole".title(), b"hello world".title(), b"it's".title())
print(b"abc" * 0, b"ab".center(5), b"ab".center(6), b"abc".zfill(2), b"+1".zfill(4))
print(b"x\ty\tz".expandtabs(), b"\t".expandtabs(0), b"ab\r\tc".expandtabs(4))

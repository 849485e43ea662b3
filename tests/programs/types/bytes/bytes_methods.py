# bytes methods (the str-like ones operate on ASCII only).
b = b"Hello, World! hello"
print(b.upper(), b.lower(), b.swapcase(), b.title(), b.capitalize(), b"\xe9abc".upper())
print(b.count(b"l"), b.count(ord("o")), b.find(b"World"), b.find(111), b.rfind(b"l"), b.index(b"H"), b.rindex(b"o"))
print(b.startswith(b"Hell"), b.endswith((b"x", b"lo")), b.startswith(b"World", 7), b"" in b, b"lo," in b, 72 in b, 300 in [b])
print(b.split(), b.split(b", "), b.rsplit(b"l", 2), b"a\nb\r\nc".splitlines(), b"a\nb\r\nc".splitlines(True))
print(b.partition(b" "), b.rpartition(b" "), b.replace(b"l", b"L"), b.replace(b"l", b"", 2))
print(b"  pad  ".strip(), b"xxpadxx".strip(b"x"), b"  pad  ".lstrip(), b"  pad  ".rstrip(), b"abc".lstrip(b"ab"))
print(b"abc".center(9, b"*"), b"abc".ljust(6), b"abc".rjust(6, b"-"), b"42".zfill(5), b"-4".zfill(4))
print(b"a\tb".expandtabs(4), b"-".join([b"a", b"b", bytearray(b"c")]), b"".join([]), b"x".join([b"1"]))
print(b"pre_x".removeprefix(b"pre_"), b"x.py".removesuffix(b".py"), b"abc".isalpha(), b"abc1".isalnum(), b"123".isdigit())
print(b"abc".islower(), b"ABC".isupper(), b"Ab Cd".istitle(), b" \t\n".isspace(), b"\x80".isascii(), b"".isalpha(), b"".isascii())
t = bytes.maketrans(b"abc", b"xyz")
print(len(t), b"aabbcc".translate(t), b"abcdef".translate(None, b"ace"), b"abc".translate(t, b"b"))
print(b"abc".hex(), b"\x00\xff\x10".hex(), b"abcdef".hex(":"), b"abcdef".hex("-", 2), b"abcdef".hex(" ", -4))
print(bytes.fromhex("00ff10"), bytes.fromhex("de ad  be ef"), bytes.fromhex(""))
for bad in [lambda: bytes.fromhex("0"), lambda: bytes.fromhex("zz"), lambda: b"a".join(["s"]), lambda: b"abc".find("a"),
            lambda: b"abc".split(""), lambda: b"x".center(3, "*"), lambda: b"abc".index(b"z")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
print(b"caf\xc3\xa9".decode(), b"abc".decode("ascii"), b"\xff".decode("latin-1"), b"x".decode(encoding="utf-8", errors="strict"))

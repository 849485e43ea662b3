# strip family, padding, zfill, expandtabs, removeprefix/removesuffix.
s = "  \t\n hello world \r\n\x0b "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixyx".strip("xy"), "xxhixyx".lstrip("x"), "xxhixyx".rstrip("yx"), "abc".strip(""), "abc".strip(None))
print(repr("\u3000\u2003text\u00a0".strip()), "www.example.com".strip("cmowz."), "...".strip("."))
print("[" + "abc".center(9) + "]", "[" + "abc".center(8, "*") + "]", "[" + "abcd".center(9, "-") + "]", "[" + "ab".center(1) + "]")
print("[" + "abc".ljust(6) + "]", "[" + "abc".ljust(6, ".") + "]", "[" + "abc".rjust(6, "0") + "]", "[" + "abc".rjust(2) + "]")
print("42".zfill(5), "-42".zfill(5), "+42".zfill(5), "abc".zfill(5), "".zfill(3), "-".zfill(3), "12345".zfill(3), "+-1".zfill(5))
print(repr("a\tb\tc".expandtabs()), repr("a\tb\tc".expandtabs(4)), repr("ab\tc\n\td".expandtabs(3)), repr("\t".expandtabs(0)))
print(repr("12345\t|".expandtabs(4)), repr("x\r\ty".expandtabs(4)))
print("prefix_body".removeprefix("prefix_"), "prefix_body".removeprefix("nope"), "body.txt".removesuffix(".txt"),
      "body.txt".removesuffix(""), "aaa".removeprefix("a"), "".removesuffix("x"))
for bad in [lambda: "x".center(5, "ab"), lambda: "x".ljust(5, ""), lambda: "x".strip(5), lambda: "x".zfill("5")]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
print("é".center(5, "·"), "😀".rjust(3, "_"))

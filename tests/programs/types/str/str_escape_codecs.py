# unicode_escape and raw_unicode_escape codecs.
s = "tab\t nl\n back\\ q' dq\" \x00\x7f\xe9\u20ac\U0001f600\ud800"
print(s.encode("unicode_escape"))
print(s.encode("raw_unicode_escape"))
print(ascii(s.encode("unicode_escape").decode("unicode_escape")) == ascii(s))
for b in [b"\\", b"a\\x4", b"\\x4g", b"\\u12", b"\\U00110000", b"\\N{LATIN SMALL LETTER A}", b"\\N{bogus}",
          b"\\N{", b"\\N", b"\\Nx", b"\\101\\0\\7", b"\\\n", b"\\a\\b\\f\\v\\'\\\"", b"\\\\u0041", b"\\u0041\xff"]:
    for enc in ["unicode_escape", "raw_unicode_escape"]:
        for err in ["strict", "replace", "backslashreplace"]:
            try:
                print(b, enc, err, ascii(b.decode(enc, err)))
            except UnicodeDecodeError as e:
                print(b, enc, err, "!!", e, ascii(e.args))
try:
    b"\\x".decode("unicode_escape", "bogus")
except LookupError as e:
    print(type(e).__name__, e, "| cause:", repr(e.__cause__))

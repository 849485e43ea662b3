# str.encode / bytes.decode / str(b, enc, errors): codecs, error handlers, exceptions.
def d(b, enc="utf-8", err="strict"):
    try:
        print(repr(b), enc, err, "->", ascii(b.decode(enc, err)))
    except UnicodeError as e:
        print(repr(b), enc, err, "!!", type(e).__name__ + ":", e, ascii(e.args))
        print("   ", e.encoding, repr(e.object), e.start, e.end, e.reason)
    except Exception as e:
        print(repr(b), enc, err, "!!", type(e).__name__ + ":", e)


def e(s, enc="utf-8", err="strict"):
    try:
        print(ascii(s), enc, err, "->", s.encode(enc, err))
    except UnicodeError as x:
        print(ascii(s), enc, err, "!!", type(x).__name__ + ":", ascii(str(x)), ascii(x.args))
        print("   ", x.encoding, ascii(x.object), x.start, x.end, x.reason)
    except Exception as x:
        print(ascii(s), enc, err, "!!", type(x).__name__ + ":", x)


for b in [b"\xff", b"a\xe2\x82", b"\xe2\x28\xa1", b"\xed\xa0\x80", b"\xf0\x90\x80", b"\xf0\x90\x28",
          b"\xf4\x90\x80\x80", b"\xc0\x80", b"\xe0\x80\x80", b"\xf5\x80", b"ok\xc3", b"\x80abc"]:
    d(b)
for err in ["replace", "ignore", "backslashreplace", "surrogateescape", "surrogatepass", "xmlcharrefreplace",
            "namereplace", "bogus"]:
    d(b"a\xed\xa0\x80b\xff\xfe\xc3", "utf-8", err)
d(b"abc", "utf-8", "bogus")
d(b"\x41\x00\x00", "utf-8", "surrogateescape")
d(b"\x80", "ascii")
d(b"a\x80\x81b", "ascii", "replace")
d(b"\x80\xff", "latin-1")
d(b"\x80\xff", "iso8859-1")
for b in [b"a\x00b", b"\xfe\xff\x00a", b"\xff\xfea\x00", b"\x00\xd8", b"\x00\xd8a\x00", b"\x00\xdca\x00",
          b"\x00\xd8a", b"=\xd8\x00\xde", b""]:
    d(b, "utf-16")
d(b"\x00a\xd8=\xde\x00", "utf-16-be")
d(b"\x00\xdc", "utf-16-le", "surrogatepass")
d(b"\x00\xd8\x00", "utf-16-le", "replace")
d(b"\x00\xd8\x00\xdcx", "utf-16-le", "backslashreplace")
for b in [b"a\x00\x00\x00b", b"\x00\x00\x11\x00", b"\x00\xd8\x00\x00", b"\xff\xfe\x00\x00a\x00\x00\x00",
          b"\x00\x00\xfe\xff\x00\x00\x00a"]:
    d(b, "utf-32")
d(b"\x00\xd8\x00\x00", "utf-32-le", "surrogatepass")
d(b"\x00\x00\x00a", "utf-32-be")
d(b"\xef\xbb\xbfa\xc3\xa9", "utf-8-sig")
d(b"a", "utf-8-sig")
d(b"\xef\xbb", "utf-8-sig")
for s in ["\ud800\udc00", "a\ud800b", "\udc80\udcff"]:
    for err in ["strict", "surrogatepass", "surrogateescape", "replace", "backslashreplace", "xmlcharrefreplace",
                "namereplace", "ignore"]:
        e(s, "utf-8", err)
e("\udc80\ud800\udcff", "utf-8", "surrogateescape")
for err in ["strict", "replace", "xmlcharrefreplace", "backslashreplace", "namereplace", "ignore",
            "surrogatepass", "bogus"]:
    e("a\xe9\u20ac\U0001f600\x80z", "ascii", err)
e("\u20ac\xe9", "latin-1")
e("\xe9\xff", "latin-1")
e("\udc80a", "ascii", "surrogateescape")
e("a", "utf-16")
e("", "utf-16")
e("a\U0001f600", "utf-16-be")
e("a\U0001f600", "utf-16-le")
e("\ud800", "utf-16")
e("\ud800", "utf-16-le", "surrogatepass")
e("\udc80", "utf-16-le", "surrogateescape")
e("\ud800", "utf-16-le", "replace")
e("a", "utf-32")
e("\U0001f600", "utf-32-be")
e("\ud800", "utf-32-be", "backslashreplace")
e("\ud800x", "utf-32", "surrogatepass")
e("a", "utf-8-sig")
for name in ["U8", "UTF_8", " utf--8 ", "utf.8", "xyz", "latin 1", "ISO-8859-1", "L1", "us-ascii", "646",
             "ANSI_X3.4-1968", "UTF16", "utf_16le", "UTF-32BE", "hex", "rot13", "cp65001", ""]:
    e("A", name)
    d(b"A", name)
for f in [lambda: str("a", "utf-8"), lambda: str(1, "utf-8"), lambda: str(b"a", 1), lambda: b"a".decode(1),
          lambda: b"a".decode("utf-8", 1), lambda: "a".encode(1), lambda: "a".encode("utf-8", None),
          lambda: str(b"\xc3\xa9", "utf-8"), lambda: str(b"\xff", errors="replace"),
          lambda: str(bytearray(b"\xc3\xa9"), "latin-1"), lambda: bytes("\xe9", "latin-1"),
          lambda: bytes("\xe9", "ascii", "replace"), lambda: bytearray("\u20ac", "utf-8"),
          lambda: b"x".decode(), lambda: bytearray(b"\xff").decode("ascii")]:
    try:
        print(ascii(f()))
    except Exception as x:
        print(type(x).__name__ + ":", ascii(str(x)))

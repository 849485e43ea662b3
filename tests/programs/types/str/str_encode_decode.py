# encode/decode with codecs and error handlers.
s = "héllo wörld ☃ 😀"
for enc in ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "latin-1", "ascii"]:
    for errors in ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace"]:
        try:
            b = s.encode(enc, errors)
            print(enc, errors, len(b), b[:24])
        except UnicodeEncodeError as e:
            print(enc, errors, "UnicodeEncodeError:", e)
print("abc".encode(), "é".encode(), "é".encode("UTF8"), "é".encode(encoding="Latin1"), "x".encode("utf_8"))
data = "naïve café".encode("utf-8")
print(data, data.decode(), data.decode("latin-1"), data.decode("ascii", "replace"), data.decode("ascii", "ignore"))
print(data.decode("ascii", "backslashreplace"), b"\xff\xfe".decode("utf-8", "replace"), b"a\x80b".decode("utf-8", "surrogateescape").encode("utf-8", "surrogateescape"))
for bad in [b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xc0\x80", b"\xf5\x80\x80\x80"]:
    try:
        bad.decode("utf-8")
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print("LookupError:", e)
try:
    "\ud800".encode("utf-8")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
print("\ud800".encode("utf-8", "surrogatepass"), b"\xed\xa0\x80".decode("utf-8", "surrogatepass") == "\ud800")
print(str(b"abc", "ascii"), str(b"\xc3\xa9", "utf-8"), str(b"\xff", "utf-8", "replace"), str(bytearray(b"x"), "utf-8"))
print("☃".encode("utf-16"), "☃".encode("utf-32")[:4], b"\xff\xfe\x03&".decode("utf-16"))
print(len("😀".encode("utf-16-le")), "😀".encode("utf-16-be"), b"\xd8=\xde\x00".decode("utf-16-be"))

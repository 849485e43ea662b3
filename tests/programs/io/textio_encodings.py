# Encodings and error handlers of TextIOWrapper.
import _io
P = "/tmp/taipan_io_textio_encodings"
s = "plain é ☃ \udcff end"
for enc in ("latin-1", "ascii", "utf-8", "iso8859-1", "UTF8", "Latin1"):
    for errors in ("strict", "replace", "ignore", "backslashreplace", "xmlcharrefreplace", "surrogateescape", "namereplace"):
        t = _io.TextIOWrapper(_io.BytesIO(), encoding=enc, errors=errors)
        try:
            t.write(s)
            t.flush()
            print(enc, errors, t.buffer.getvalue())
        except UnicodeError as e:
            print(enc, errors, type(e).__name__, e)
data = b"caf\xe9 \xff\xfe ok\n"
for enc in ("latin-1", "ascii", "utf-8"):
    for errors in ("strict", "replace", "ignore", "backslashreplace", "surrogateescape"):
        t = _io.TextIOWrapper(_io.BytesIO(data), encoding=enc, errors=errors)
        try:
            print(enc, errors, ascii(t.read()))
        except UnicodeError as e:
            print(enc, errors, type(e).__name__, e)
with open(P, "w", encoding="latin-1") as f:
    print(f.encoding, f.write("café"))
with open(P, "rb") as f:
    print(f.read())
with open(P, encoding="latin-1") as f:
    print(f.read(), f.tell())
try:
    open(P, encoding="no-such-codec")
except LookupError as e:
    print("LookupError", e)
try:
    open(P, encoding="hex")
except LookupError as e:
    print("LookupError", e)
try:
    open(P, errors=5)
except TypeError as e:
    print("TypeError", e)
try:
    open(P, encoding=5)
except TypeError as e:
    print("TypeError", e)
f = open(P, encoding="locale")
print(f.encoding)
f.close()
t = _io.TextIOWrapper(_io.BytesIO(), errors="bogus")
print(t.errors, t.write("ok"))
try:
    t.write("\u20ac\udc80")
    t.flush()
    print(t.buffer.getvalue())
except Exception as e:
    print(type(e).__name__, e)

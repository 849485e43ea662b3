# UTF-16 and UTF-32 files: BOMs on write and read, tell/seek, appending.
import _io
P = "/tmp/taipan_io_textio_utf16"
for enc in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-8-sig"):
    with open(P, "w", encoding=enc) as f:
        f.write("héllo\n")
        f.write("wörld ☃ 😀\n")
        print(enc, f.tell())
    with open(P, "rb") as f:
        raw = f.read()
    print(enc, raw[:6], len(raw))
    with open(P, encoding=enc) as f:
        print(enc, repr(f.read(3)), f.tell(), repr(f.readline()), f.tell(), repr(f.read()), f.tell())
        f.seek(0)
        print(enc, repr(f.readline()))
    with open(P, "a", encoding=enc) as f:
        f.write("more")
    with open(P, "rb") as f:
        print(enc, len(f.read()))
    with open(P, encoding=enc) as f:
        print(enc, f.read().splitlines())
    with open(P, "w", encoding=enc) as f:
        f.write("")
    with open(P, "rb") as f:
        print(enc, "empty write", f.read())
    with open(P, "w", encoding=enc) as f:
        f.write("ab")
        f.seek(0)
        f.write("c")
    with open(P, "rb") as f:
        print(enc, "rewrite", f.read())
with open(P, "wb") as f:
    f.write("no bom".encode("utf-16-le"))
try:
    with open(P, encoding="utf-16") as f:
        print(f.read())
except UnicodeError as e:
    print(type(e).__name__, e)
t = _io.TextIOWrapper(_io.BytesIO("\ufeffabc".encode("utf-8")), encoding="utf-8-sig")
print(repr(t.read()))
t = _io.TextIOWrapper(_io.BytesIO(), encoding="utf-16")
t.write("x")
print(t.buffer.getvalue())

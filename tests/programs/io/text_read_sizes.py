# read(n) of text across chunk boundaries, with multi-byte characters.
import _io
P = "/tmp/taipan_io_text_read_sizes"
text = "".join("%d:%s|" % (i, "€" * (i % 4) + "ß" * (i % 3)) for i in range(4000))
with open(P, "w", encoding="utf-8") as f:
    f.write(text)
with open(P, encoding="utf-8") as f:
    parts = []
    for n in [0, 1, 2, 10, 100, 1000, 5000, 8192, 8193, 3, 100000]:
        s = f.read(n)
        parts.append(s)
        print(n, len(s), f.tell())
    print("".join(parts) == text)
with open(P, encoding="latin-1") as f:
    print(len(f.read(10000)), f.tell(), len(f.read()), f.tell())
with open(P, "rb") as f:
    raw = f.read()
for enc in ("utf-16", "utf-32"):
    with open(P, "w", encoding=enc) as f:
        f.write(text[:5000])
    with open(P, encoding=enc) as f:
        a = f.read(3000)
        pos = f.tell()
        b = f.read(10)
        f.seek(pos)
        print(enc, len(a), pos, f.read(10) == b, len(f.read()))
t = _io.TextIOWrapper(_io.BytesIO(raw), encoding="utf-8")
print(t.read(7), t.read(0), t.read(1), len(t.read()))

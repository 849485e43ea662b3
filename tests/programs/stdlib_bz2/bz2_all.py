# _bz2 and bz2: compressor levels, streaming decompression with max_length,
# eof/unused_data/needs_input, errors, and the bz2 module over them.
import bz2
import io
from _bz2 import BZ2Compressor, BZ2Decompressor


def check(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ok", r)


text = b"".join(b"%d: lorem ipsum dolor sit amet\n" % (i * 7 % 1000) for i in range(20000))
for level in (1, 5, 9):
    c = BZ2Compressor(level)
    out = b"".join(c.compress(text[i:i + 10000]) for i in range(0, len(text), 10000)) + c.flush()
    print(level, len(out), out[:10].hex(), out[-10:].hex(), out == bz2.compress(text, level))
print(bz2.compress(b"").hex(), bz2.compress(b"a").hex())
c = BZ2Compressor()
print(c.compress(b"abc"), len(c.flush()))
check(lambda: c.compress(b"x"))
check(lambda: c.flush())
check(lambda: BZ2Compressor(0))
check(lambda: BZ2Compressor(10))
check(lambda: BZ2Compressor(1.5))
check(lambda: BZ2Compressor(compresslevel=3))
check(lambda: BZ2Compressor().compress("str"))

data = bz2.compress(text)
d = BZ2Decompressor()
print(d.eof, d.unused_data, d.needs_input)
parts = []
for i in range(0, len(data), 1000):
    parts.append(d.decompress(data[i:i + 1000]))
print(b"".join(parts) == text, d.eof, d.unused_data, d.needs_input)
check(lambda: d.decompress(b"more"))
d = BZ2Decompressor()
print(d.decompress(data + b"trailing") == text, d.eof, d.unused_data, d.needs_input)
d = BZ2Decompressor()
first = d.decompress(data, 100)
print(len(first), d.eof, d.needs_input)
got = first
while not d.eof:
    got += d.decompress(b"", 50000)
print(got == text, d.needs_input)
d = BZ2Decompressor()
print(len(d.decompress(data[:500])), d.needs_input, len(d.decompress(data[500:1000], 0)), d.needs_input)
check(lambda: BZ2Decompressor().decompress(b"not bz2 data at all"))
check(lambda: BZ2Decompressor().decompress(data[:10] + b"\x00" * 100))
check(lambda: BZ2Decompressor().decompress("str"))
check(lambda: BZ2Decompressor(1))
check(lambda: BZ2Decompressor().decompress(b"", max_length=1.5))
print(bz2.decompress(data + data) == text + text)
check(lambda: bz2.decompress(data[:-10]))
check(lambda: bz2.decompress(b"BZh9garbage"))
buf = io.BytesIO()
with bz2.BZ2File(buf, "wb") as f:
    f.write(text[:50000])
    f.write(text[50000:])
print(len(buf.getvalue()), buf.getvalue() == bz2.compress(text))
with bz2.BZ2File(io.BytesIO(buf.getvalue())) as f:
    print(f.read(10), len(f.readline()), len(f.read()))

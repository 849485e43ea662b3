# _lzma through Lib's lzma: formats, checks, filter chains, streaming,
# max_length, properties and the errors CPython raises.
import io
import lzma

DATA = b"".join(b"line %d: the quick brown fox jumps over the lazy dog\n" % i for i in range(2000))

for fmt, name in [(lzma.FORMAT_XZ, "xz"), (lzma.FORMAT_ALONE, "alone")]:
    c = lzma.compress(DATA, format=fmt)
    print(name, len(DATA), lzma.decompress(c) == DATA, lzma.decompress(c, format=fmt) == DATA)
for check in (lzma.CHECK_NONE, lzma.CHECK_CRC32, lzma.CHECK_CRC64, lzma.CHECK_SHA256):
    c = lzma.compress(DATA, check=check)
    d = lzma.LZMADecompressor()
    print("check", check, d.check, d.decompress(c) == DATA, d.check, d.eof)
for preset in (0, 1, 6, 9 | lzma.PRESET_EXTREME):
    print("preset", preset, lzma.decompress(lzma.compress(DATA[:5000], preset=preset)) == DATA[:5000])

FILTERS = [
    [{"id": lzma.FILTER_LZMA2, "preset": 1}],
    [{"id": lzma.FILTER_DELTA, "dist": 4}, {"id": lzma.FILTER_LZMA2, "dict_size": 1 << 16, "lc": 2, "lp": 1, "pb": 1}],
    [{"id": lzma.FILTER_X86, "start_offset": 16}, {"id": lzma.FILTER_LZMA2, "mode": lzma.MODE_FAST, "mf": lzma.MF_HC4, "nice_len": 32, "depth": 8}],
]
for chain in FILTERS:
    c = lzma.compress(DATA, format=lzma.FORMAT_RAW, filters=chain)
    print("raw", [f["id"] for f in chain], lzma.decompress(c, format=lzma.FORMAT_RAW, filters=chain) == DATA)
    c = lzma.compress(DATA, filters=chain)
    print("xz chain", lzma.decompress(c) == DATA)
c = lzma.compress(DATA, format=lzma.FORMAT_ALONE, filters=[{"id": lzma.FILTER_LZMA1, "preset": 3}])
print("alone lzma1", lzma.decompress(c, format=lzma.FORMAT_ALONE) == DATA)

print("--- streaming")
comp = lzma.LZMACompressor()
pieces = [comp.compress(DATA[i:i + 777]) for i in range(0, len(DATA), 777)]
pieces.append(comp.flush())
stream = b"".join(pieces)
dec = lzma.LZMADecompressor()
out = []
for i in range(0, len(stream), 100):
    out.append(dec.decompress(stream[i:i + 100]))
print(b"".join(out) == DATA, dec.eof, dec.needs_input, dec.unused_data, dec.check)

dec = lzma.LZMADecompressor()
got = dec.decompress(stream + b"trailing", max_length=1000)
print(len(got), dec.needs_input, dec.eof)
total = [got]
while not dec.eof:
    part = dec.decompress(b"", max_length=1000)
    total.append(part)
print(b"".join(total) == DATA, len(total), dec.unused_data, dec.needs_input)
dec = lzma.LZMADecompressor()
print(dec.decompress(stream, max_length=0), dec.needs_input)
print(len(dec.decompress(b"")), dec.eof)
dec = lzma.LZMADecompressor()
for _ in range(3):
    dec.decompress(b"")
print("empty feeds ok", dec.eof, dec.needs_input)

print("--- files")
buf = io.BytesIO()
with lzma.LZMAFile(buf, "w", preset=2) as f:
    f.write(DATA)
buf.seek(0)
with lzma.open(buf, "rt", encoding="ascii") as f:
    lines = f.readlines()
print(len(lines), lines[1999])
print(lzma.decompress(lzma.compress(b"a") + lzma.compress(b"b")))

print("--- properties")
print(lzma._encode_filter_properties({"id": lzma.FILTER_LZMA1, "dict_size": 1 << 20}))
print(lzma._encode_filter_properties({"id": lzma.FILTER_LZMA2, "preset": 9}))
print(lzma._encode_filter_properties({"id": lzma.FILTER_DELTA, "dist": 4}))
print(lzma._encode_filter_properties({"id": lzma.FILTER_X86, "start_offset": 4}))
print(lzma._decode_filter_properties(lzma.FILTER_LZMA1, b"]\x00\x00\x80\x00"))
print(lzma._decode_filter_properties(lzma.FILTER_LZMA2, b"\x18"))
print(lzma._decode_filter_properties(lzma.FILTER_DELTA, b"\x03"))
print(lzma._decode_filter_properties(lzma.FILTER_X86, b"\x00\x01\x00\x00"))
print([lzma.is_check_supported(i) for i in range(17)])
print(lzma.CHECK_UNKNOWN, lzma.CHECK_ID_MAX, lzma.FILTER_LZMA1, lzma.PRESET_EXTREME, lzma.MF_BT4, lzma.MODE_NORMAL)

print("--- errors")


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


t(lambda: lzma.decompress(b"this is not lzma data"))
t(lambda: lzma.decompress(b"this is not lzma data", format=lzma.FORMAT_XZ))
t(lambda: lzma.decompress(lzma.compress(DATA)[:-10]))
bad = bytearray(lzma.compress(DATA))
bad[100] ^= 0xFF
t(lambda: lzma.decompress(bytes(bad)))
t(lambda: lzma.LZMADecompressor(memlimit=1024).decompress(lzma.compress(b"x")))
t(lambda: lzma.LZMACompressor(format=9))
t(lambda: lzma.LZMACompressor(format=lzma.FORMAT_ALONE, check=lzma.CHECK_CRC32))
t(lambda: lzma.LZMACompressor(format=lzma.FORMAT_RAW))
t(lambda: lzma.LZMACompressor(preset=1, filters=[]))
t(lambda: lzma.LZMACompressor(preset=99))
t(lambda: lzma.LZMACompressor(format=lzma.FORMAT_ALONE, preset=99))
t(lambda: lzma.LZMACompressor(check=7))
t(lambda: lzma.LZMACompressor(filters=[{"id": 3}] * 5))
t(lambda: lzma.LZMACompressor(filters=[{"id": lzma.FILTER_DELTA}]))
t(lambda: lzma.LZMACompressor(format=lzma.FORMAT_ALONE, filters=[{"id": lzma.FILTER_LZMA2}]))
t(lambda: lzma.LZMACompressor(1, 2, 3, 4, 5))
t(lambda: lzma.LZMADecompressor(format=lzma.FORMAT_RAW))
t(lambda: lzma.LZMADecompressor(format=lzma.FORMAT_RAW, memlimit=5))
t(lambda: lzma.LZMADecompressor(filters=[]))
t(lambda: lzma.LZMADecompressor(memlimit=-1))
t(lambda: lzma.LZMADecompressor(format=lzma.FORMAT_RAW, filters={}))
t(lambda: lzma._encode_filter_properties({"id": lzma.FILTER_LZMA2, "bogus": 9}))
t(lambda: lzma._encode_filter_properties({"id": lzma.FILTER_LZMA2, "dict_size": -1}))
t(lambda: lzma._encode_filter_properties({"id": lzma.FILTER_LZMA2, "mode": 7}))
t(lambda: lzma._encode_filter_properties({"id": lzma.FILTER_DELTA, "distance": 4}))
t(lambda: lzma._encode_filter_properties({"id": 77}))
t(lambda: lzma._encode_filter_properties({}))
t(lambda: lzma._encode_filter_properties(3))
t(lambda: lzma._encode_filter_properties({"id": lzma.FILTER_LZMA2, "preset": 99}))
t(lambda: lzma._decode_filter_properties(99, b""))
t(lambda: lzma._decode_filter_properties(lzma.FILTER_LZMA1, b"\xff"))
c = lzma.LZMACompressor()
c.compress(b"x")
c.flush()
t(lambda: c.flush())
t(lambda: c.compress(b"x"))
d = lzma.LZMADecompressor()
d.decompress(lzma.compress(b"abc"))
t(lambda: d.decompress(b"more"))
import pickle
t(lambda: pickle.dumps(lzma.LZMACompressor()))
t(lambda: pickle.dumps(lzma.LZMADecompressor()))

# zlib: compressobj/decompressobj, every parameter, flush modes, copy,
# unused_data/unconsumed_tail/eof, zdict.
import zlib


def check(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ok", r)


text = b"".join(b"record %05d value=%d;" % (i, i * i % 1000) for i in range(3000))
for args in [(), (9,), (1, zlib.DEFLATED, -12), (6, 8, 31, 9, zlib.Z_FILTERED), (6, 8, 15, 1, zlib.Z_HUFFMAN_ONLY),
             (6, 8, 15, 8, zlib.Z_RLE), (6, 8, 15, 8, zlib.Z_FIXED), (0,)]:
    c = zlib.compressobj(*args)
    out = b"".join(c.compress(text[i:i + 1000]) for i in range(0, len(text), 1000)) + c.flush()
    print(args, len(out), out[:10].hex(), out[-10:].hex())
    print("  ", zlib.decompress(out, args[2] if len(args) > 2 else 15) == text)
c = zlib.compressobj(level=5, method=8, wbits=14, memLevel=5, strategy=0, zdict=b"record value=")
print(c.compress(text[:500]).hex(), c.flush(zlib.Z_SYNC_FLUSH).hex()[:40], c.flush(zlib.Z_FULL_FLUSH).hex())
print(c.compress(b"abc") + c.flush(zlib.Z_PARTIAL_FLUSH), c.flush(zlib.Z_NO_FLUSH), c.flush(zlib.Z_BLOCK).hex())
print(c.flush().hex())
check(lambda: c.compress(b"more"))
check(lambda: c.flush())
check(lambda: c.copy())

# copy
c = zlib.compressobj(6)
c.compress(text[:5000])
c2 = c.copy()
a = c.compress(text[5000:]) + c.flush()
b = c2.compress(b"different tail") + c2.flush()
print(len(a), len(b), a[-10:].hex(), b[-10:].hex())
c = zlib.compressobj()
c.compress(b"x")
print(type(c.__copy__()).__name__, type(c.__deepcopy__({})).__name__)

# decompressobj
full = zlib.compress(text, 9)
d = zlib.decompressobj()
print(d.unused_data, d.unconsumed_tail, d.eof)
parts = [d.decompress(full[i:i + 333]) for i in range(0, len(full), 333)]
print(b"".join(parts) == text, d.eof, d.unused_data, d.unconsumed_tail, d.flush())
d = zlib.decompressobj()
print(d.decompress(full + b"extra bytes") == text, d.eof, d.unused_data, d.unconsumed_tail)
print(d.decompress(b"more"), d.unused_data, d.flush(), d.eof)
# max_length
d = zlib.decompressobj()
chunk = d.decompress(full, 100)
print(len(chunk), len(d.unconsumed_tail), d.eof)
got = chunk
while d.unconsumed_tail:
    got += d.decompress(d.unconsumed_tail, 4096)
got += d.flush()
print(got == text, d.eof, d.unconsumed_tail)
d = zlib.decompressobj()
x = d.decompress(full, 1000)
print(len(x), len(d.flush()) + len(x) == len(text), d.eof)
d = zlib.decompressobj()
print(len(d.decompress(full[:100])), d.eof, len(d.flush()), d.eof, d.unconsumed_tail)
# flush with length
d = zlib.decompressobj()
d.decompress(full[:200], 10)
print(len(d.flush(1)), d.eof)
check(lambda: zlib.decompressobj().flush(0))
check(lambda: zlib.decompressobj().flush(-1))
check(lambda: zlib.decompressobj().decompress(b"x", -1))
check(lambda: zlib.decompressobj().decompress(b"x", max_length=1.5))
check(lambda: zlib.decompressobj().decompress(b"garbage!"))
check(lambda: zlib.decompressobj().decompress("str"))
check(lambda: zlib.decompressobj(99))
check(lambda: zlib.decompressobj(zdict="abc"))
check(lambda: zlib.decompressobj(zdict=1))
check(lambda: zlib.compressobj(zdict="abc"))
check(lambda: zlib.compressobj(zdict=None))
check(lambda: zlib.compressobj(10))
check(lambda: zlib.compressobj(method=9))
check(lambda: zlib.compressobj(memLevel=10))
check(lambda: zlib.compressobj(strategy=9))
check(lambda: zlib.compressobj(wbits=7))
check(lambda: zlib.compressobj(1, 2, 3, 4, 5, 6, 7))
check(lambda: zlib.compressobj().compress())
check(lambda: zlib.compressobj().flush(1, 2))
check(lambda: zlib.compressobj().flush(mode=2))
d = zlib.decompressobj()
d.decompress(full[:300])
d2 = d.copy()
print(d.decompress(full[300:]) == d2.decompress(full[300:]), d.eof, d2.eof)
print(type(d.__copy__()).__name__, type(d.__deepcopy__(None)).__name__)
d.flush()
check(lambda: d.copy())
check(lambda: d.decompress(b"x"))

# zdict
zd = b"record value= 00 01 02"
c = zlib.compressobj(zdict=zd)
withdict = c.compress(text) + c.flush()
print(len(withdict), withdict[:8].hex())
d = zlib.decompressobj(zdict=zd)
print(d.decompress(withdict) == text, d.eof)
d = zlib.decompressobj(zdict=bytearray(zd))
print(d.decompress(withdict[:10]) + d.decompress(withdict[10:]) == text)
check(lambda: zlib.decompressobj().decompress(withdict))
check(lambda: zlib.decompressobj(zdict=b"wrong").decompress(withdict))
c = zlib.compressobj(wbits=-15, zdict=zd)
raw = c.compress(text) + c.flush()
print(zlib.decompressobj(-15, zdict=zd).decompress(raw) == text)
check(lambda: zlib.decompressobj(-15).decompress(raw) == text)
# gzip and auto-detect
c = zlib.compressobj(wbits=31)
gz = c.compress(text) + c.flush()
print(gz[:4].hex(), zlib.decompressobj(31).decompress(gz) == text, zlib.decompressobj(47).decompress(gz) == text)
check(lambda: zlib.decompressobj(wbits=40).decompress(full) == text)
check(lambda: zlib.decompressobj(wbits=0).decompress(full) == text)
check(lambda: type(zlib.decompressobj(wbits=-8)).__name__)
check(lambda: zlib.decompressobj(wbits=24).decompress(gz) == text)
# large
big = bytes(range(256)) * 4000 + text * 3
c = zlib.compressobj(1)
out = c.compress(big) + c.flush()
print(len(out), zlib.crc32(out), zlib.decompress(out) == big)

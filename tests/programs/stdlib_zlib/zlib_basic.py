# zlib: one-shot compress/decompress, checksums, constants, errors.
import zlib


def check(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ok", r)


print(zlib.ZLIB_VERSION == zlib.ZLIB_RUNTIME_VERSION, zlib.ZLIB_VERSION[:2])
for name in sorted(n for n in dir(zlib) if n.isupper() and not n.startswith("ZLIB_")):
    print(name, getattr(zlib, name))
print(zlib.error, zlib.error.__mro__, zlib.error.__module__)
print(type(zlib.compressobj()), type(zlib.decompressobj()))

text = b"".join(b"line %d: the quick brown fox jumps over the lazy dog\n" % i for i in range(2000))
noise = bytes((i * 7919 + (i >> 3) * 104729) % 256 for i in range(50000))
samples = [b"", b"a", b"hello world" * 3, text, noise]
for s in samples:
    for level in (-1, 0, 1, 6, 9):
        c = zlib.compress(s, level)
        assert zlib.decompress(c) == s
        print(len(s), level, len(c), c[:12].hex(), c[-8:].hex())
    for wbits in (9, 15, -9, -15, 25, 31):
        c = zlib.compress(s, 6, wbits)
        d = zlib.decompress(c, wbits)
        auto = zlib.decompress(c, 47) if wbits > 0 else d
        print("  wbits", wbits, len(c), c[:10].hex(), d == s, auto == s)
print(zlib.compress(text, level=9, wbits=-12)[:20].hex())
print(zlib.compress(memoryview(text)[100:300])[:20].hex(), zlib.compress(bytearray(b"xyz")).hex())
print(zlib.decompress(zlib.compress(text), bufsize=1) == text, zlib.decompress(zlib.compress(text), 15, 0) == text)
print(zlib.decompress(zlib.compress(b"abc") + b"trailing garbage"))

# checksums
for s in samples:
    print(zlib.crc32(s), zlib.adler32(s), zlib.crc32(s, 12345), zlib.adler32(s, 12345))
print(zlib.crc32(b"abc", -1), zlib.crc32(b"abc", 2**32 + 5), zlib.adler32(b"abc", -1), zlib.crc32(b"abc", 2**70 + 3))
print(zlib.crc32(text[:1000], zlib.crc32(text[1000:2000])), zlib.crc32(memoryview(b"abc")), zlib.adler32(bytearray(b"abc")))
check(lambda: zlib.crc32("abc"))
check(lambda: zlib.crc32(b"abc", 1.5))
check(lambda: zlib.adler32(b"abc", "x"))
check(lambda: zlib.crc32(b"abc", value=1))
check(lambda: zlib.crc32())

# errors
good = zlib.compress(text)
check(lambda: zlib.decompress(b"garbage"))
check(lambda: zlib.decompress(good[:-5]))
check(lambda: zlib.decompress(good[:50]))
check(lambda: zlib.decompress(b""))
check(lambda: zlib.decompress(good[:2] + b"\xff" * 20))
check(lambda: zlib.decompress(good, -15))
check(lambda: zlib.decompress(zlib.compress(b"abc", wbits=31)))
check(lambda: zlib.decompress(zlib.compress(b"abc"), 31))
check(lambda: zlib.decompress(zlib.compress(b"abc", wbits=-15), 15))
check(lambda: zlib.decompress(good, 99))
check(lambda: zlib.decompress(good, 8))
check(lambda: zlib.decompress(good, bufsize=-1))
check(lambda: zlib.decompress(good, wbits=1.5))
check(lambda: zlib.decompress("abc"))
check(lambda: zlib.decompress(good, 15, 16384, 1))
check(lambda: zlib.compress(b"abc", 10))
check(lambda: zlib.compress(b"abc", -2))
check(lambda: zlib.compress(b"abc", wbits=99))
check(lambda: zlib.compress(b"abc", wbits=8).hex())
check(lambda: zlib.compress(b"abc", 2**40))
check(lambda: zlib.compress(b"abc", level=None))
check(lambda: zlib.compress("abc"))
check(lambda: zlib.compress(data=b"abc"))
check(lambda: zlib.compress())
d = zlib.compressobj(zdict=b"hello world")
needs_dict = d.compress(b"hello world hello") + d.flush()
check(lambda: zlib.decompress(needs_dict))
check(lambda: zlib.decompress(needs_dict[:3]))

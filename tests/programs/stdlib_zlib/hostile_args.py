# Hostile arguments to zlib, binascii, _md5, _sha3, _blake2, _bz2: non-contiguous and released
# buffers, out-of-range ints (Argument Clinic's converters), finished streams.
import zlib, binascii, _sha3, _blake2, _md5, _bz2
def check(f):
    try:
        r = f()
    except BaseException as e:
        print(type(e).__name__, str(e)[:80])
    else:
        print("ok", repr(r)[:60])
m = memoryview(b"abcdefgh")[::2]
check(lambda: _md5.md5(m).hexdigest())
check(lambda: zlib.crc32(m))
check(lambda: binascii.hexlify(m))
mv = memoryview(b"abc"); mv.release()
check(lambda: _md5.md5(mv))
check(lambda: zlib.compress(mv))
check(lambda: zlib.decompressobj().decompress(zlib.compress(b"a"*1000), 2**62))
check(lambda: zlib.decompressobj().decompress(b"", -2**70))
check(lambda: zlib.decompress(b"", bufsize=2**70))
check(lambda: zlib.compressobj(2**31))
check(lambda: zlib.compressobj(wbits=-2**31))
check(lambda: zlib.decompressobj(2**31))
check(lambda: zlib.decompressobj().flush(2**70))
check(lambda: _sha3.shake_128().digest(2**28)[:2])
check(lambda: _blake2.blake2b(digest_size=2**40))
check(lambda: _blake2.blake2b(fanout=-2**40))
check(lambda: binascii.hexlify(b"abc", ":", 2**31))
check(lambda: binascii.hexlify(b"abc", ":", -2**31))
check(lambda: binascii.b2a_qp(b"a", quotetabs=2**100))
check(lambda: binascii.a2b_uu(b"\xff"))
check(lambda: _bz2.BZ2Compressor(2**70))
check(lambda: _bz2.BZ2Decompressor().decompress(b"BZh", 2**70))
check(lambda: _bz2.BZ2Decompressor().decompress(b"BZh", -2**70))
c = zlib.compressobj(); c.flush()
check(lambda: c.flush())
check(lambda: c.flush(zlib.Z_SYNC_FLUSH))
check(lambda: c.compress(b"x"))
d = zlib.decompressobj(); d.flush()
check(lambda: d.flush())
check(lambda: d.decompress(b"x"))
check(lambda: zlib.compressobj().flush(99))
check(lambda: zlib.compressobj().flush(-5))
check(lambda: binascii.crc_hqx(b"abc", -2**100))

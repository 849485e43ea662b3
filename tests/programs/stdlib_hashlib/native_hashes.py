# The native hash modules behind hashlib: _md5, _sha1, _sha256, _sha512, _sha3.
import _md5, _sha1, _sha256, _sha512, _sha3


def check(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ok", r)


CTORS = [_md5.md5, _sha1.sha1, _sha256.sha224, _sha256.sha256, _sha512.sha384, _sha512.sha512,
         _sha3.sha3_224, _sha3.sha3_256, _sha3.sha3_384, _sha3.sha3_512]
VECTORS = [b"", b"abc", b"The quick brown fox jumps over the lazy dog",
           b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", bytes(range(256)) * 3]

for ctor in CTORS:
    h = ctor()
    print(h.name, h.digest_size, h.block_size, type(h).__name__, type(h).__module__)
    for v in VECTORS:
        print("  ", ctor(v).hexdigest())
    # incremental, bytearray, memoryview, keyword
    h = ctor(b"ab")
    check(lambda: ctor(string=b"ab").hexdigest())
    h.update(bytearray(b"c"))
    h.update(memoryview(b"xyz")[1:2])
    c = h.copy()
    c.update(b"more")
    print("  ", h.hexdigest(), c.hexdigest(), h.digest() == bytes.fromhex(h.hexdigest()))
    print("  ", ctor(b"x", usedforsecurity=False).hexdigest() == ctor(b"x").hexdigest())
    # large input, in pieces and at once
    big = bytes(i % 251 for i in range(300000))
    h1 = ctor(big)
    h2 = ctor()
    for i in range(0, len(big), 4099):
        h2.update(big[i:i + 4099])
    print("  ", h1.hexdigest() == h2.hexdigest(), h1.hexdigest()[:32])
    check(lambda: ctor("abc"))
    check(lambda: ctor().update("abc"))
    check(lambda: ctor(1))
    check(lambda: ctor().update(None))
    check(lambda: ctor(b"", b""))
    check(lambda: ctor(foo=1))
    check(lambda: ctor().update())
    check(lambda: ctor().digest(1))
    check(lambda: ctor().hexdigest(b""))
    check(lambda: ctor().copy(1))

print(_sha512.SHA384Type, _md5.MD5Type, _sha1.SHA1Type, _sha256.SHA224Type, _sha256.SHA256Type)
check(lambda: _md5.MD5Type())
check(lambda: _sha1.SHA1Type())
print(_sha3.implementation, _sha3.keccakopt)
for ctor in (_sha3.sha3_224, _sha3.sha3_512, _sha3.shake_128, _sha3.shake_256):
    h = ctor()
    print(h.name, h._capacity_bits, h._rate_bits, h._suffix, type(h) is ctor)
    check(lambda: ctor(string=b"a"))
    check(lambda: ctor(b"a", b"b"))
    check(lambda: ctor(data=b"a"))
    check(lambda: ctor(b"a", usedforsecurity=False).hexdigest())
    check(lambda: ctor().update())
    check(lambda: ctor().copy(1))

for ctor in (_sha3.shake_128, _sha3.shake_256):
    h = ctor(b"abc")
    print(h.name, h.digest_size, h.block_size)
    for n in (0, 1, 16, 32, 100, 200, 1000):
        print("  ", n, h.hexdigest(n)[:80], len(h.digest(n)))
    c = h.copy()
    h.update(b"def")
    print("  ", c.hexdigest(8), h.hexdigest(8), ctor(b"abcdef").hexdigest(8))
    check(lambda: h.digest())
    check(lambda: h.hexdigest())
    check(lambda: h.digest(-1))
    check(lambda: h.hexdigest(-5))
    check(lambda: h.digest(1.5))
    check(lambda: h.digest(2**70))
    check(lambda: h.hexdigest(length=3))
    check(lambda: ctor("x"))


check(lambda: type("Sub", (_sha3.sha3_256,), {}))
check(lambda: type("Sub", (_md5.MD5Type,), {}))
check(lambda: _sha3.shake_128(b"x").hexdigest(1 << 29))
print(_sha3.shake_256(b"x").hexdigest((1 << 29) - 1)[:10] if False else "skip")

# hashlib over the native fallbacks (no OpenSSL _hashlib): constructors,
# new(), algorithms, file_digest, pbkdf2_hmac's pure-Python fallback.
import sys
sys.modules["_hashlib"] = None  # CPython without OpenSSL: the fallbacks Taipan has
import hashlib
import io
import warnings

print(sorted(hashlib.algorithms_guaranteed))
print(sorted(hashlib.algorithms_available))
for name in sorted(hashlib.algorithms_guaranteed):
    h = hashlib.new(name, b"abc")
    f = getattr(hashlib, name)(b"abc")
    d = h.hexdigest(16) if name.startswith("shake") else h.hexdigest()
    print(name, h.name, h.digest_size, h.block_size, d == (f.hexdigest(16) if name.startswith("shake") else f.hexdigest()), d)
print(hashlib.new("SHA256", b"x").hexdigest(), hashlib.new("sha512", data=b"x").hexdigest()[:16])
print(hashlib.sha256(b"abc", usedforsecurity=False).hexdigest())
print(hashlib.md5(string=b"abc").hexdigest(), hashlib.blake2b(b"abc", digest_size=16, key=b"k").hexdigest())
for bad in ("sha0", "ripemd160", "md4"):
    try:
        hashlib.new(bad)
    except ValueError as e:
        print("ValueError", e)
try:
    hashlib.new(1)
except TypeError as e:
    print("TypeError", e)
print(hashlib.file_digest(io.BytesIO(b"x" * 100000), "sha1").hexdigest())
print(hashlib.file_digest(io.BytesIO(b"abc"), hashlib.sha3_256).hexdigest())
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 1000).hex())
    print(hashlib.pbkdf2_hmac("sha1", b"password", b"salt", 2, 20).hex())
    print(hashlib.pbkdf2_hmac("sha512", b"pw", b"NaCl", 10, dklen=100).hex())
    print([str(x.message) for x in w])
for args in [("sha256", "pw", b"s", 1), ("sha256", b"pw", b"s", 0), ("nope", b"pw", b"s", 1), ("sha256", b"pw", b"s", 1, 0)]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hashlib.pbkdf2_hmac(*args)
    except Exception as e:
        print(type(e).__name__, e)

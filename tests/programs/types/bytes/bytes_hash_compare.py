# bytes hashing, comparisons and use as dict keys.
keys = [b"", b"a", b"ab", b"\x00", b"\xff" * 3]
d = {k: len(k) for k in keys}
print(d, d[b"ab"], b"a" in d)
try:
    bytearray(b"a") in d
except TypeError as e:
    print("TypeError:", e)
print(sorted([b"b", b"ab", b"a", b"", b"\x00", b"B"]))
print(b"abc" == bytearray(b"abc"), bytearray(b"abc") == b"abc", b"abc" != bytearray(b"abd"), b"a" < bytearray(b"b"))
print(hash(b"abc") == hash(b"abc"), hash(b"") == hash(bytes()), len({b"x", bytes(b"x"), b"x"[:]}))
print(b"abc".__eq__("abc"), b"abc".__lt__(b"abd"), max([b"a", b"ab"]), min(b"zz", b"zza"))
print(bytes.__hash__ is not None, bytearray.__hash__)

# A format with a huge repeat count compiles without allocating per item:
# sizes are checked against the buffer first (plistlib reads such counts
# from untrusted files).
import struct

for fmt in [">4294967296Q", ">%dQ" % (2**61), ">%dB" % (2**40), ">1000000000000Q", ">%dx" % (2**62), "3B", "100H0i"]:
    try:
        print(fmt[:12], struct.calcsize(fmt))
    except struct.error as e:
        print(fmt[:12], "error:", e)
    try:
        print(struct.unpack(fmt, b"abc"))
    except struct.error as e:
        print("unpack error:", e)

s = struct.Struct("<2H3s2b")
print(s.size, s.unpack(s.pack(1, 2, b"xyz", -1, 3)))
print(list(struct.iter_unpack("<2h", b"\x01\x00\x02\x00\x03\x00\x04\x00")))
try:
    struct.pack("3B", 1, 2)
except struct.error as e:
    print("error:", e)
print(struct.pack(">3H", 1, 2, 3))

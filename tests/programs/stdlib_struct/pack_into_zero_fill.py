# pack_into zeroes the region it packs: pad bytes and the rest of a short
# 's' or 'p' item do not keep the buffer's old bytes (ShareableList relies
# on it when an item's format string gets shorter).
import struct

for fmt, args in [("8s", (b"xy",)), ("4p", (b"xy",)), ("2x2s", (b"x",)), ("<h3x", (1,)), ("?4s", (True, b""))]:
    b = bytearray(b"abcdefghij")
    struct.pack_into(fmt, b, 1, *args)
    print(fmt, b)
b = bytearray(b"abcdefghij")
try:
    struct.pack_into("2s2xb", b, 0, b"q", 1000)
except struct.error as e:
    print("error", e)
print(b)

# int.to_bytes / int.from_bytes.
for n in [0, 1, 255, 256, 65535, 2 ** 32 - 1, 2 ** 63]:
    print(n, n.to_bytes(9, "big"), n.to_bytes(9, "little"))
print((1024).to_bytes(2, byteorder="big"), (1024).to_bytes(2, byteorder="little"))
print((-1).to_bytes(2, "big", signed=True), (-128).to_bytes(1, "big", signed=True), (-129).to_bytes(2, "little", signed=True))
print((255).to_bytes(), (0).to_bytes(0, "big"), (5).to_bytes(length=3, byteorder="big"))
for bad in [lambda: (256).to_bytes(1, "big"), lambda: (-1).to_bytes(1, "big"),
            lambda: (128).to_bytes(1, "big", signed=True), lambda: (1).to_bytes(1, "middle"),
            lambda: (1).to_bytes(-1, "big"), lambda: (1).to_bytes(0, "big")]:
    try:
        print(bad())
    except (OverflowError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(int.from_bytes(b"\x00\x10", "big"), int.from_bytes(b"\x00\x10", "little"))
print(int.from_bytes(b"\xff\xff", "big", signed=True), int.from_bytes(b"\xff\xff", "big"))
print(int.from_bytes(b"", "big"), int.from_bytes(b"\x80", "big", signed=True), int.from_bytes(b"\x01\x00"))
print(int.from_bytes([1, 2, 3], "big"), int.from_bytes(bytearray(b"\x01\x02"), "little"))
print(int.from_bytes(range(4), "big"), int.from_bytes((255, 0), byteorder="little", signed=True))
big = 2 ** 200 + 12345
enc = big.to_bytes((big.bit_length() + 7) // 8, "big")
print(len(enc), enc[:4], enc[-4:], int.from_bytes(enc, "big") == big)
neg = -(2 ** 70) + 3
enc = neg.to_bytes(10, "little", signed=True)
print(enc, int.from_bytes(enc, "little", signed=True) == neg)
class MyInt(int):
    pass
r = MyInt.from_bytes(b"\x01\x00", "big")
print(r, type(r).__name__)
print(bool.from_bytes(b"\x01", "big"), type(bool.from_bytes(b"\x00", "big")).__name__)
try:
    int.from_bytes("str", "big")
except TypeError as e:
    print("TypeError:", e)

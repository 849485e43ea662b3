# Bitwise operators including negatives and big ints.
for a, b in [(12, 10), (-12, 10), (12, -10), (-12, -10), (0, -1), (2**70, 2**65 - 1)]:
    print(a & b, a | b, a ^ b, ~a)
print(1 << 0, 1 << 10, 1 << 100, -1 << 5, 5 << 64)
print(1024 >> 3, -1024 >> 3, -1 >> 100, 1 >> 100, -7 >> 1, 7 >> 1)
print(2**100 >> 90, -(2**100) >> 90)
print(True & False, True | False, True ^ True, ~True, ~False)
print(type(True & True).__name__, type(True & 3).__name__)
x = 0b1010
x |= 0b0101
print(bin(x))
x &= 0b0110
print(bin(x))
x ^= 0b1111
print(bin(x))
x <<= 3
print(bin(x))
x >>= 2
print(bin(x))
try:
    1 << -1
except ValueError as e:
    print("ValueError", e)
try:
    1 >> -1
except ValueError as e:
    print("ValueError", e)
try:
    1.0 & 1
except TypeError as e:
    print("TypeError", e)
print(0xFF & ~0x0F, hex(0xDEADBEEF ^ 0xFFFFFFFF))

# Bit-level operations and methods.
for n in [0, 1, 2, 3, 7, 8, 255, 256, -1, -2, -128, -129, 2 ** 64, -(2 ** 64), 2 ** 100 - 1]:
    print(n, n.bit_length(), n.bit_count(), bin(n))
print((12).bit_length(), (-12).bit_count(), True.bit_length(), False.bit_count())
print(0b1100 & 0b1010, 0b1100 | 0b1010, 0b1100 ^ 0b1010, ~0b1100)
print(-5 & 0xFF, -5 | 0, -5 ^ 0xFF, ~-5)
print(-1 & (2 ** 100), (-1 << 100) & ((1 << 101) - 1) == 1 << 100)
print(1 << 64, (1 << 64) >> 63, -(1 << 64) >> 63, -3 >> 1, -3 >> 5, 3 >> 5)
print([1 << i for i in range(0, 70, 10)])
mask = 0
for bit in (0, 3, 5, 64):
    mask |= 1 << bit
print(mask, bin(mask), [i for i in range(mask.bit_length()) if mask >> i & 1])
def popcount(n):
    c = 0
    while n:
        n &= n - 1
        c += 1
    return c
print([popcount(x) for x in range(16)] == [x.bit_count() for x in range(16)])
print(0x0F0F ^ 0xFFFF, hex(0xDEADBEEF & 0xFFFF0000), hex(~0xFF & 0xFFFF))
x = 0b10110
x ^= x >> 1
print(bin(x))
print(True << 3, False | 5, True & 3, type(True | True).__name__, type(True | 2).__name__)
try:
    1 << 2 ** 100
except (OverflowError, MemoryError) as e:
    print(type(e).__name__, e)
print(1 >> 2 ** 100, -1 >> 2 ** 100)

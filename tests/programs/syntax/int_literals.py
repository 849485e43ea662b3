# Integer literals in every base, with underscores.
print(0, 00, 0_0)
print(123, 1_000_000, 1_2_3_4)
print(0x1F, 0X1f, 0xdead_beef, 0x_ff)
print(0o17, 0O777, 0o_7_7)
print(0b1010, 0B1111_0000, 0b_1)
print(99999999999999999999999999999999999999)
print(0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF)
print(-0x10, +0b11, ~0o7)
print(type(0x10).__name__, type(10**30).__name__)
print(repr(1_0), repr(0b0), repr(0o0), repr(0x0))
print(1 if 0x10 == 16 == 0o20 == 0b10000 else 0)
x = 18446744073709551616
print(x, x - 1, x * x)
print(2**64 == x, -x)
print(0xabcdef, 0xABCDEF)
big = 1_000_000_000_000_000_000_000
print(big // 7, big % 7)
print([0x1, 0o1, 0b1, 1])

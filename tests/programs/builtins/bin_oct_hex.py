# bin(), oct(), hex().
for n in [0, 1, 7, 8, 255, 256, -1, -255, 2 ** 64, -(2 ** 100), True]:
    print(n, bin(n), oct(n), hex(n))
class I:
    def __index__(self): return 42
print(bin(I()), oct(I()), hex(I()))
for bad in [1.5, "10", None, [1]]:
    try:
        hex(bad)
    except TypeError as e:
        print("TypeError:", e)
print(int(bin(12345), 2), int(oct(12345), 8), int(hex(12345), 16), int(hex(-99), 0), format(255, "#x") == hex(255))
print((255).to_bytes(1, "big").hex(), (3.5).hex(), hex(0xABCDEF).upper())

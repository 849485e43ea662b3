# Formatting integers: format(), str.format, %-formatting, bin/oct/hex.
nums = [0, 5, -5, 42, -42, 255, 1234567, -1234567, 2 ** 40]
specs = ["", "d", "5d", "<6d", "^7d", ">8d", "08d", "+d", " d", "-d", "x", "X", "#x", "#X", "o", "#o",
         "b", "#b", "#010b", ",", "_", "_x", "_b", ",d", "n", "e", ".2f", "%", "=+8d", "*^9", "010,"]
for s in specs:
    row = []
    for n in nums:
        try:
            row.append(format(n, s))
        except (ValueError, OverflowError) as e:
            row.append(f"<{type(e).__name__}>")
    print(f"{s!r:9}", "|".join(row))
print("%d %i %5d %-5d| %05d %+d %x %X %o %#x %#o %c" % (42, 42, 42, 42, 42, 42, 255, 255, 8, 255, 8, 65))
print("%d" % 3.9, "%s" % 10, "%r" % -3, "%.3d" % 7, "% d" % 5)
print("{:d} {:>5} {:<5}| {:^5} {:+} {:x} {:#b}".format(1, 2, 3, 4, 5, 255, 5))
print(bin(0), bin(-10), oct(0), oct(-64), hex(0), hex(-255), hex(2 ** 64))
print(f"{1234567:,}", f"{-1234567:_}", f"{0xDEADBEEF:_X}", f"{10:#06x}", f"{-10:#06x}")
try:
    format(5, "s")
except ValueError as e:
    print("ValueError:", e)
try:
    format(5, ".2d")
except ValueError as e:
    print("ValueError:", e)
try:
    format(5, ",x")
except ValueError as e:
    print("ValueError:", e)
try:
    format(-1, "c")
except (ValueError, OverflowError) as e:
    print(type(e).__name__ + ":", e)
print(format(65, "c"), format(0x263A, "c"), repr(format(10, "c")), f"{97:c}{98:c}")
print(format(True, "d"), format(True, ""), format(False, "05"), f"{True:>6}", f"{True!s:>6}")

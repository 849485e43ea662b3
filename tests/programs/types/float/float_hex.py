# float.hex and float.fromhex.
for v in [0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 3.14, 1e300, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
          float("inf"), float("-inf"), float("nan"), 2.0 ** -1074, 123456.789]:
    print(repr(v), v.hex())
for s in ["0x1p0", "0x1.8p1", "-0x1p-2", "0x.8p0", "0X1.FFFFFFFFFFFFFp+1023", "0x1p-1074", "0x1p-1075",
          "0x1.0000000000000p-1022", "  0x1p4  ", "0xA", "0x1.5", "inf", "-infinity", "nan", "0x0p0", "1p3",
          "0x1.00000000000008p0", "0x1.00000000000018p0"]:
    print(repr(s), repr(float.fromhex(s)))
for bad in ["", "0x", "0xg", "0x1p", "1.2.3", "0x1p99999"]:
    try:
        float.fromhex(bad)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
print(all(float.fromhex(v.hex()) == v for v in [0.1, 1 / 3, 1e-310, 7e22]))
class F(float):
    pass
print(type(F.fromhex("0x1p1")).__name__, F.fromhex("0x1p1"))

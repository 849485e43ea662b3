# binascii: hex, base64, quoted-printable, uuencode, crc32, crc_hqx, errors.
import binascii


def check(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ok", r)


print(binascii.Error.__mro__, binascii.Incomplete.__mro__, binascii.Error.__module__)
print(sorted(n for n in dir(binascii) if not n.startswith("__")))
data = [b"", b"\x00", b"abc", b"hello, world!\n", bytes(range(256)), b"=\t \r\n.=3D", b"x" * 200]

print("-- hex")
for d in data[:5]:
    print(binascii.hexlify(d), binascii.b2a_hex(d), d.hex() == binascii.hexlify(d).decode())
for sep, n in [(":", 1), (b"-", 2), (" ", -3), ("|", 4), (".", 100), (b"x", -1)]:
    print(repr(sep), n, binascii.hexlify(bytes(range(10)), sep, n), binascii.b2a_hex(b"\x01\x02\x03\x04\x05", sep=sep, bytes_per_sep=n))
print(binascii.hexlify(b"abc", "-"), binascii.hexlify(bytearray(b"ab"), b":"), binascii.hexlify(memoryview(b"abcd")[1:]))
print(binascii.unhexlify(b"0aFf10"), binascii.a2b_hex("deadBEEF"), binascii.unhexlify(bytearray(b"00")), binascii.unhexlify(""))
check(lambda: binascii.unhexlify(b"abc"))
check(lambda: binascii.unhexlify(b"zz"))
check(lambda: binascii.unhexlify("é0"))
check(lambda: binascii.unhexlify(1))
check(lambda: binascii.hexlify("abc"))
check(lambda: binascii.hexlify(b"abc", "ab"))
check(lambda: binascii.hexlify(b"abc", "é"))
check(lambda: binascii.hexlify(b"abc", 1))
check(lambda: binascii.hexlify(b"abc", ":", 1.5))
check(lambda: binascii.hexlify(b"abc", "", 1))
check(lambda: binascii.hexlify(data=b"abc"))
check(lambda: binascii.unhexlify(hexstr=b"ab"))

print("-- base64")
for d in data:
    e = binascii.b2a_base64(d)
    print(e, binascii.b2a_base64(d, newline=False)[-4:], binascii.a2b_base64(e) == d)
print(binascii.b2a_base64(b"x" * 100))
for s in [b"YWJj", b"YW Jj\n", b"YWJ", b"YQ==", b"YQ=", b"YQ", b"Y", b"YQ==YQ==", b"Y!W@J#j$", b"====", b"", "YWJj",
          b"YWJjZA==\n", b"YWJjZA=", b"YWJj=ZA", b"  \n", b"YQ==a"]:
    check(lambda: binascii.a2b_base64(s))
for s in [b"YWJj", b"YW Jj", b"YWJjZA==", b"YWJjZA==YQ", b"=YWJj", b"YWJjZ===", b"YWJ", b"YQ=a", b"Y", b""]:
    check(lambda: binascii.a2b_base64(s, strict_mode=True))
check(lambda: binascii.a2b_base64("é"))
check(lambda: binascii.a2b_base64(1))
check(lambda: binascii.b2a_base64("abc"))
check(lambda: binascii.b2a_base64(b"abc", True))

print("-- qp")
for d in data + [b"line one\nline two\r\n", b"trailing space \nx", b"tab\t\n", b"a" * 100, b"." + b"\n.", b"From here\n",
                 b"\xff\xfe", b"=", b"a_b c", b"end with space ", b"x\r\ny\rz"]:
    r = [binascii.b2a_qp(d), binascii.b2a_qp(d, quotetabs=True), binascii.b2a_qp(d, istext=False), binascii.b2a_qp(d, header=True)]
    print(r, [binascii.a2b_qp(x) == d for x in r[:3]], binascii.a2b_qp(r[3], header=True) == d)
for s in [b"a=3Db", b"a=3db", b"soft=\nbreak", b"soft=\r\nbreak", b"bad=ZZ", b"end=", b"a_b", b"x=4", b"=\n", b"a =  \nb",
          b"=3", "abc=41", b"a=\rb"]:
    print(s, binascii.a2b_qp(s), binascii.a2b_qp(s, header=True))
check(lambda: binascii.a2b_qp("é"))
check(lambda: binascii.b2a_qp("abc"))
check(lambda: binascii.b2a_qp(b"abc", quotetabs=1, istext=0, header=1))

print("-- uu")
for d in [b"", b"a", b"abc", b"hello world", bytes(range(45))]:
    e = binascii.b2a_uu(d)
    print(e, binascii.b2a_uu(d, backtick=True), binascii.a2b_uu(e) == d)
for s in [b"#86)C\n", b"#86)C", b"", b"\n", b" \n", b"!80``\n", b"#86)C  junk\n", b"$86)C\n", "#86)C\n", b"#86)Cxxxx\n",
          b"`\n", b"#86)\n", b"#86\n", b"#86)C$\n", b"\x7f\n"]:
    check(lambda: binascii.a2b_uu(s))
check(lambda: binascii.b2a_uu(b"x" * 46))
check(lambda: binascii.b2a_uu("abc"))

print("-- crc")
for d in data:
    print(binascii.crc32(d), binascii.crc32(d, 1), binascii.crc_hqx(d, 0), binascii.crc_hqx(d, 0xFFFF))
print(binascii.crc32(b"abc", -1), binascii.crc32(b"abc", 2**40), binascii.crc_hqx(b"abc", 2**40 + 7), binascii.crc_hqx(b"abc", -1))
check(lambda: binascii.crc_hqx(b"abc"))
check(lambda: binascii.crc32("abc"))
check(lambda: binascii.crc32(b"abc", 1.0))
check(lambda: binascii.crc_hqx(b"abc", 1.0))

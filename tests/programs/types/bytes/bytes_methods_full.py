# Every method of bytes and bytearray: results, result types, edge cases and
# CPython's error messages (both types share the method set).

def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "!", type(e).__name__, e)
    else:
        print(label, repr(r))

class B(bytes):
    pass

class BA(bytearray):
    pass

class Idx:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v

print(sorted(n for n in dir(bytes) if n != "__doc__"))
print(sorted(n for n in dir(bytearray) if n != "__doc__"))
print(type(bytes.__dict__["maketrans"]).__name__, type(bytes.__dict__["fromhex"]).__name__)

for K in (bytes, bytearray):
    print("=====", K.__name__)
    X = K(b"hello abc")
    # case
    for s in [b"", b"hello world", b"HELLO", b"hElLo wOrLd", b"it's o'neil 1x2y", b"\xe9t\xc9 ab", b"a1b2 C3"]:
        s = K(s)
        print(s.capitalize(), s.title(), s.swapcase(), s.lower(), s.upper())
    # predicates
    for s in [b"", b"abc", b"ABC", b"Abc", b"Abc Def", b"ABC def", b"a1", b"123", b" \t\n\r\x0b\x0c", b"\x1c",
              b"\x85", b"\xe9", b"a-b", b"\x7f", b"Hello World", b"hello World"]:
        s = K(s)
        print(repr(s), [int(getattr(s, p)()) for p in ["isalnum", "isalpha", "isascii", "isdigit", "islower",
                                                         "isspace", "istitle", "isupper"]])
    # padding
    for w in [-1, 0, 3, 5, 6, 7]:
        for s in [b"", b"a", b"ab", b"abc"]:
            s = K(s)
            print(w, s.center(w), s.center(w, b"*"), s.ljust(w, K(b"-")), s.rjust(w), s.zfill(w))
    for s in [b"+1", b"-1", b"+", b"-", b"1-", b"--1"]:
        print(K(s).zfill(5))
    t("center()", lambda: X.center())
    t("center(5,'a')", lambda: X.center(15, "a"))
    t("center(5,b'ab')", lambda: X.center(15, b"ab"))
    t("center(5,1)", lambda: X.center(15, 1))
    t("center('x')", lambda: X.center("x"))
    t("ljust kw", lambda: X.ljust(width=3))
    t("rjust(Idx)", lambda: X.rjust(Idx(12)))
    t("zfill()", lambda: X.zfill())
    t("zfill(2**70)", lambda: X.zfill(2**70))
    # search
    h = K(b"abcabcab")
    for sub in [b"", b"a", b"ab", b"abc", b"x", b"cab", 97, 120, K(b"b")]:
        for args in [(), (1,), (-3,), (2, 5), (0, -1), (-100, 100), (5, 2), (8,), (9,), (None, 4)]:
            print(repr(sub), args, h.count(sub, *args), h.find(sub, *args), h.rfind(sub, *args))
    for sub in [b"", b"a", b"ab", b"cab", (b"x", b"ab"), (), (bytearray(b"b"),)]:
        for args in [(), (1,), (-3,), (2, 5), (8,), (9,)]:
            print(repr(sub), args, h.startswith(sub, *args), h.endswith(sub, *args))
    t("index", lambda: (h.index(b"b"), h.rindex(b"b"), h.index(99), h.rindex(99, 0, 4)))
    t("index missing", lambda: h.index(b"z"))
    t("rindex missing", lambda: h.rindex(122))
    t("count('a')", lambda: h.count("a"))
    t("count(256)", lambda: h.count(256))
    t("count(-1)", lambda: h.count(-1))
    t("count(1.5)", lambda: h.count(1.5))
    t("count 4", lambda: h.count(b"a", 1, 2, 3))
    t("count()", lambda: h.count())
    t("count kw", lambda: h.count(x=1))
    t("find('a')", lambda: h.find("a"))
    t("find(b'a','x')", lambda: h.find(b"a", "x"))
    t("find Idx", lambda: h.find(Idx(98)))
    t("sw('a')", lambda: h.startswith("a"))
    t("ew(('a',))", lambda: h.endswith(("a",)))
    t("ew(97)", lambda: h.endswith(97))
    t("sw()", lambda: h.startswith())
    t("sw kw", lambda: h.startswith(x=1))
    # contains
    print(97 in h, 120 in h, b"ca" in h, b"" in h, bytearray(b"bc") in h)
    t("'a' in", lambda: "a" in h)
    t("256 in", lambda: 256 in h)
    t("1.5 in", lambda: 1.5 in h)
    # hex / fromhex
    for s in [b"", b"\x00", b"\x01\xab", b"hello", b"abcdefg"]:
        s = K(s)
        print(s.hex(), s.hex(":"), s.hex(b"-", 2), s.hex(" ", -2), s.hex("_", 3), s.hex(":", 0), s.hex(sep=".", bytes_per_sep=-1))
    t("hex(1)", lambda: X.hex(1))
    t("hex('')", lambda: X.hex(""))
    t("hex('ab')", lambda: X.hex("ab"))
    t("hex('\\xe9')", lambda: X.hex("\xe9"))
    t("hex(':', 'x')", lambda: X.hex(":", "x"))
    t("hex(':', 2**70)", lambda: X.hex(":", 2**70))
    for s in ["", "00", "0aFf", " 01 02 ", "01\t\n\x0b\x0c\r02", "a", "zz", "ab c", " a b", "ab\xe9", "zz\xe9", "0 ", "0g"]:
        t("fromhex " + ascii(s), lambda: K.fromhex(s))
    t("fromhex(1)", lambda: K.fromhex(1))
    t("fromhex(b'ab')", lambda: K.fromhex(b"ab"))
    t("fromhex()", lambda: K.fromhex())
    t("fromhex instance", lambda: X.fromhex("41"))
    # join
    t("join", lambda: K(b", ").join([b"a", bytearray(b"b"), B(b"c")]))
    t("join gen", lambda: K(b"").join(bytes([i]) for i in range(65, 70)))
    t("join empty", lambda: K(b"x").join([]))
    t("join one", lambda: K(b"x").join([b"one"]))
    t("join(1)", lambda: X.join(1))
    t("join(['a'])", lambda: X.join(["a"]))
    t("join([b'a', 1])", lambda: X.join([b"a", 1]))
    t("join()", lambda: X.join())
    # strip
    for s in [b"  a b  ", b"\t\n a\x0b\x0c\r", b"\x1ca\x1c", b"xxaxx", b"", b"   "]:
        s = K(s)
        print(s.strip(), s.lstrip(), s.rstrip(), s.strip(b"xa"), s.lstrip(bytearray(b"x ")), s.rstrip(None), s.strip(b""))
    t("lstrip('a')", lambda: X.lstrip("a"))
    t("strip(1)", lambda: X.strip(1))
    t("rstrip(97)", lambda: X.rstrip(97))
    t("strip 2", lambda: X.strip(b"a", b"b"))
    t("strip kw", lambda: X.strip(bytes=b"a"))
    # partition
    for s in [b"a=b=c", b"abc", b"=", b""]:
        s = K(s)
        for sep in [b"=", b"x", bytearray(b"=b")]:
            print(s.partition(sep), s.rpartition(sep))
    t("partition(b'')", lambda: X.partition(b""))
    t("partition('a')", lambda: X.partition("a"))
    t("partition(97)", lambda: X.partition(97))
    t("rpartition(b'')", lambda: X.rpartition(b""))
    t("partition()", lambda: X.partition())
    # removeprefix / removesuffix
    for p in [b"", b"h", b"hello", b"hello abc", b"hello abcd", b"c", b"abc"]:
        print(X.removeprefix(p), X.removesuffix(p), X.removeprefix(bytearray(p)))
    t("removeprefix('a')", lambda: X.removeprefix("a"))
    t("removesuffix(1)", lambda: X.removesuffix(1))
    t("removeprefix()", lambda: X.removeprefix())
    # replace
    for s in [b"aaa", b"abcabc", b""]:
        s = K(s)
        for old, new in [(b"a", b"x"), (b"", b"-"), (b"aa", b"b"), (b"zz", b"y"), (b"abc", b"")]:
            print(s, old, new, [s.replace(old, new, c) for c in (-1, 0, 1, 2)], s.replace(bytearray(old), new))
    t("replace(b'a')", lambda: X.replace(b"a"))
    t("replace('a', b'b')", lambda: X.replace("a", b"b"))
    t("replace(b'a', 'b')", lambda: X.replace(b"a", "b"))
    t("replace count str", lambda: X.replace(b"a", b"b", "c"))
    t("replace kw", lambda: X.replace(b"a", b"b", count=1))
    # split
    for s in [b"a b  c", b"  a b  c  ", b"", b"   ", b"a,b,,c,", b",", b"a\x0bb\x0cc\x1cd\x85e", b"abcabc"]:
        s = K(s)
        print(s, s.split(), s.rsplit(), s.split(None, 1), s.rsplit(None, 1), s.split(maxsplit=0))
        for sep in [b",", b"b", b"bc", bytearray(b" ")]:
            print("  ", sep, s.split(sep), s.rsplit(sep), s.split(sep, 1), s.rsplit(sep, 1), s.split(sep=sep, maxsplit=2))
    t("split(1)", lambda: X.split(1))
    t("split('a')", lambda: X.split("a"))
    t("split(b'')", lambda: X.split(b""))
    t("split(maxsplit='x')", lambda: X.split(maxsplit="x"))
    t("rsplit(x=1)", lambda: X.rsplit(x=1))
    t("split 3", lambda: X.split(b"a", 1, 2))
    # splitlines
    for s in [b"a\nb\r\nc\rd", b"a\n", b"\n", b"", b"a\x0bb\x0cc\x1cd\x85e", b"\r\n\r\n", b"x\n\ny"]:
        s = K(s)
        print(s.splitlines(), s.splitlines(True), s.splitlines(keepends=1))
    t("splitlines('x')", lambda: X.splitlines("x"))
    t("splitlines(1,2)", lambda: X.splitlines(1, 2))
    # expandtabs
    for s in [b"a\tb", b"\t", b"ab\tcd\tef", b"a\nb\tc", b"a\r\tb", b"12345678\tx", b""]:
        s = K(s)
        print([s.expandtabs(n) for n in (-1, 0, 1, 4)], s.expandtabs(), s.expandtabs(tabsize=3))
    t("expandtabs('x')", lambda: X.expandtabs("x"))
    t("expandtabs(2**40)", lambda: X.expandtabs(2**40))
    # translate / maketrans
    tbl = K.maketrans(b"abc", b"xyz")
    print(type(tbl).__name__, len(tbl), tbl[95:101])
    print(X.translate(tbl), X.translate(tbl, b"lo"), X.translate(None), X.translate(None, b"lh"), X.translate(None, delete=bytearray(b"a")))
    t("translate()", lambda: X.translate())
    t("translate(1)", lambda: X.translate(1))
    t("translate(b'ab')", lambda: X.translate(b"ab"))
    t("translate(None, 'a')", lambda: X.translate(None, "a"))
    t("translate(str)", lambda: X.translate("a" * 256))
    t("maketrans()", lambda: K.maketrans())
    t("maketrans(b'a')", lambda: K.maketrans(b"a"))
    t("maketrans(b'ab', b'c')", lambda: K.maketrans(b"ab", b"c"))
    t("maketrans('a','b')", lambda: K.maketrans("a", "b"))
    t("maketrans(b'a', 1)", lambda: K.maketrans(b"a", 1))
    # decode
    t("decode", lambda: (K(b"\xc3\xa9").decode(), K(b"\xe9").decode("latin-1"), K(b"\xff").decode("utf-8", "replace"), K(b"a").decode(encoding="ascii")))
    t("decode(1)", lambda: X.decode(1))
    t("decode err", lambda: K(b"\xff").decode())
    # no-arg methods
    t("upper(1)", lambda: X.upper(1))
    t("isalpha(1)", lambda: X.isalpha(1))
    t("capitalize kw", lambda: X.capitalize(x=1))
    # indexing and operators
    print(X[0], X[-1], X[1:4], X[::-1], X[::3], X[100:], len(X))
    t("X[1.5]", lambda: X[1.5])
    t("X['x']", lambda: X["x"])
    t("X[100]", lambda: X[100])
    t("X[2**70]", lambda: X[2**70])
    t("X + 'a'", lambda: X + "a")
    t("X + 1", lambda: X + 1)
    t("X * 'a'", lambda: X * "a")
    print(X + b"!", X + bytearray(b"?"), X * 2, 0 * X, X * -1, b"%s|%d" % (b"x", 3), K(b"%r") % (1,))
    print(X == b"hello abc", X == bytearray(b"hello abc"), X < b"hello abd", X >= b"hello", X == "hello abc")
    print(list(K(b"ab")), [c for c in K(b"")])

# bytes only
t("__bytes__", lambda: (b"ab".__bytes__(), type(B(b"x").__bytes__()).__name__))
t("__getnewargs__", lambda: (b"ab".__getnewargs__(), B(b"q").__getnewargs__()))
t("__sizeof__", lambda: (b"".__sizeof__(), b"abc".__sizeof__()))
t("fromhex subclass", lambda: (type(B.fromhex("00")).__name__, type(BA.fromhex("00")).__name__))
b0 = b"unchanged"
print(b0.strip() is b0, b0.replace(b"x", b"y") is b0, b0.center(3) is b0, b0.zfill(2) is b0,
      b0.removeprefix(b"x") is b0, b0.partition(b"x")[0] is b0, b"".join([b0]) is b0, b0.translate(None) is b0,
      b0.split()[0] is b0, b0[:] is b0)
print(b"a=b".partition(bytearray(b"=")), bytearray(b"a=b").partition(b"="))
print(type(B(b"abc").upper()).__name__, type(BA(b"abc").upper()).__name__, type(B(b"abc").strip()).__name__,
      type(BA(b"abc")[:]).__name__, [type(x).__name__ for x in BA(b"a b").split()])

# constructor argument checks
for t in ['bytearray(b"x", b"e")', 'bytearray(1, "ascii")', 'bytes(b"x", b"e")', 'bytes(1, "ascii")', 'bytearray("x", errors=1)', 'bytes("x", errors=1)', 'bytearray(1, errors="s")', 'bytes(encoding=1)', 'str(b"x", 1)', 'bytearray("x", "ascii", "strict", 1)']:
  try: print(t, eval(t))
  except Exception as e: print(t, type(e).__name__, e)

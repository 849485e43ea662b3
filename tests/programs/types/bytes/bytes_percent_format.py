# bytes % args and bytearray % args (PEP 461).
class B:
    def __bytes__(self):
        return b"from __bytes__"


class BadB:
    def __bytes__(self):
        return "not bytes"


class Idx:
    def __index__(self):
        return 66


def t(fmt, args):
    try:
        print(repr(fmt), "->", repr(fmt % args))
    except Exception as e:
        print(repr(fmt), "!!", type(e).__name__ + ":", e)


t(b"%s|%b|%5s|%-5b|%.2s", (b"ab", bytearray(b"cd"), b"x", b"y", b"long"))
t(b"%s", B())
t(b"%s", BadB())
t(b"%s", "str")
t(b"%b", 1)
t(b"%r %a", ("\u20ac", b"q"))
t(b"%5.3a|", "abcdef")
t(b"%c%c%c|%3c|%-3c|", (65, b"B", bytearray(b"C"), 68, Idx()))
t(b"%c", 256)
t(b"%c", -1)
t(b"%c", "a")
t(b"%c", b"ab")
t(b"%d %i %u %x %X %o %#x %#o", (1, -2, 3, 255, 255, 8, 255, 8))
t(b"%05d|%-5d|%+d|% d|%.3d", (-7, 7, 7, 7, 7))
t(b"%f %.2e %g %G %10.3f|%-10.1f|", (1.5, 12345.678, 1e-7, 1e30, 3.14159, 2.5))
t(b"%d", 2.7)
t(b"%x", 2.7)
t(b"%d", "1")
t(b"%f", "1")
t(b"%(a)s %(b)d", {b"a": b"A", b"b": 2})
t(b"%(a)s", {"a": b"A"})
t(b"%(a)s", (1,))
t(b"%s %s", (b"a",))
t(b"%s", (b"a", b"b"))
t(b"abc", b"x")
t(b"abc", bytearray(b"x"))
t(b"abc", {})
t(b"abc", ())
t(b"%z", 1)
t(b"%\x01", 1)
t(b"%.99999999999s", b"")
t(b"%", ())
t(b"%(x", {})
t(b"%%|%5%", ())
t(b"%*s|%-*s|%.*s", (4, b"a", 4, b"b", 1, b"cd"))
t(b"%*s", (b"a", b"b"))
t(bytearray(b"%s-%d"), (b"x", 5))
t(bytearray(b"plain"), ())
r = bytearray(b"%s") % b"v"
print(type(r).__name__, r)
t(b"%s", memoryview if False else b"\xff\x00")

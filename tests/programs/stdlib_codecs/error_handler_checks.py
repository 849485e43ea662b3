# The standard error handlers check the exception's real type before reading
# its attributes; UnicodeError constructors check their arguments; bytes
# replacements that are not whole UTF-16/32 code units are an error.
import codecs

handlers = [codecs.strict_errors, codecs.ignore_errors, codecs.replace_errors,
            codecs.backslashreplace_errors, codecs.namereplace_errors,
            codecs.xmlcharrefreplace_errors, codecs.lookup_error('surrogateescape'),
            codecs.lookup_error('surrogatepass')]
for cls in UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError:
    class FakeStr(str):
        __class__ = cls

    class FakeExc(Exception):
        __class__ = cls
    for h in handlers:
        for fake in (FakeStr(), FakeExc(), 42):
            try:
                h(fake)
            except (TypeError, FakeExc) as e:
                print(h.__name__, cls.__name__, type(e).__name__, e)

for args in [("ascii", "x", 1, 2, "r"), ("ascii", b"x", 1, 2, "r"), (b"ascii", "x", 1, 2, "r"),
             ("ascii", "x", "1", 2, "r"), ("ascii", "x", 1, 2.0, "r"), ("ascii", "x", 1, 2, None)]:
    for cls in UnicodeEncodeError, UnicodeDecodeError:
        try:
            e = cls(*args)
            print(cls.__name__, "ok", repr(e.object), e.start, e.end)
        except TypeError as e:
            print(cls.__name__, "TypeError", e)
print(repr(UnicodeDecodeError("ascii", bytearray(b"ab"), 0, 1, "r").object))
for args in [("x", 1, 2, "r"), (b"x", 1, 2, "r"), ("x", 1.5, 2, "r")]:
    try:
        print(UnicodeTranslateError(*args).object)
    except TypeError as e:
        print("TypeError", e)


def handle(exc):
    return (repl, exc.end)


codecs.register_error("t.odd", handle)
for enc, repl in [("utf-16le", b"a"), ("utf-16be", b"abc"), ("utf-16le", b"ab"),
                  ("utf-32le", b"ab"), ("utf-32be", b"abcde"), ("utf-32le", b"abcd")]:
    try:
        print(enc, "[\udc80]".encode(enc, "t.odd"))
    except UnicodeEncodeError as e:
        print(enc, repl, e.start, e.end, e.reason)

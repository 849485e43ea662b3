# A codec's exception is wrapped ("encoding with 'x' codec failed") only when
# its args fold into one message: several args or one non-str arg are left
# as they are.
import codecs

to_raise = None


def raise_obj(*args, **kwds):
    raise to_raise


def search(name):
    if name == "exc_wrap_test":
        return codecs.CodecInfo(raise_obj, raise_obj, name=name)
    return None


codecs.register(search)
for to_raise in [RuntimeError("a", "b", "c"), RuntimeError(1), RuntimeError("one"), RuntimeError,
                 TypeError("t"), ValueError()]:
    for action in (lambda: "str input".encode("exc_wrap_test"), lambda: codecs.decode(b"x", "exc_wrap_test")):
        try:
            action()
        except Exception as e:
            cause = e.__cause__
            print(type(e).__name__, repr(str(e)), type(cause).__name__ if cause else None)

# charmap_decode: U+FFFE means undefined, as an int or a str.
a, b = ord("a"), ord("b")
for m in ({0: a, 1: b, 2: 0xFFFE}, {0: a, 1: b}, {0: a, 1: b, 2: None}, {0: "a", 1: "b", 2: "\ufffe"}, "ab\ufffe"):
    for err in ("strict", "replace", "ignore"):
        try:
            print(ascii(codecs.charmap_decode(b"\x00\x01\x02", err, m)))
        except UnicodeDecodeError as e:
            print("UnicodeDecodeError", e.start, e.end, e.reason)

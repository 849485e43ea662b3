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

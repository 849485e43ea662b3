# A decode error handler that replaces the exception's object, for the
# codecs of _codecs (utf-7 and charmap): decoding goes on over the new
# input from the position the handler returned, and a non-bytes object is a
# TypeError.
import codecs


def empty_input(exc):
    exc.object = b""
    return ("\u4242", 0)


def longer_input(exc):
    # Positions now count in the new input.
    exc.object = b"+AGEAYg-xyz"
    return ("<%d:%d>" % (exc.start, exc.end), 0)


def not_bytes(exc):
    exc.object = 42
    return ("\u4242", 0)


def negative_position(exc):
    exc.object = b"abcdef"
    return ("|", -2)


for name, f in [("empty", empty_input), ("longer", longer_input), ("int", not_bytes), ("neg", negative_position)]:
    codecs.register_error("t." + name, f)

for data in [b"++", b"a+\xff", b"\xffabc", b"+AGE", b"+AGEA-"]:
    for handler in ("empty", "longer", "neg", "int"):
        try:
            print(ascii(data), handler, ascii(data.decode("utf-7", "t." + handler)))
        except (TypeError, IndexError, UnicodeDecodeError) as e:
            print(ascii(data), handler, type(e).__name__, e)

# Incremental decoding keeps going with the replaced input too.
d = codecs.getincrementaldecoder("utf-7")("t.longer")
print(ascii(d.decode(b"x\xff")), ascii(d.decode(b"+AGI", final=True)))

table = "ab\ufffe"
for data in [b"\x00\x02\x01", b"\x02", b"\x00\x01\x02\x00"]:
    for handler in ("empty", "int"):
        try:
            print(ascii(data), handler, ascii(codecs.charmap_decode(data, "t." + handler, table)))
        except (TypeError, IndexError, UnicodeDecodeError) as e:
            print(ascii(data), handler, type(e).__name__, e)

# A decode error handler may replace the exception's object: decoding goes on
# over the new input (it used to loop forever), and a non-bytes object is a
# TypeError.
import codecs


def forward(exc):
    return ('\ufffd', exc.start + 1)


def long_input(exc):
    exc.object = b"\x00" * 8
    return ('\ufffd', exc.start)


def empty_input(exc):
    exc.object = b""
    return ("\u4242", 0)


def not_bytes(exc):
    exc.object = 42
    return ("\u4242", 0)


for name, f in [("forward", forward), ("long", long_input), ("empty", empty_input), ("int", not_bytes)]:
    codecs.register_error("t." + name, f)

cases = [
    (b'\xd8\xd8\xd8\xd8\xd8\x00\x00\x00', 'utf-16-le'),
    (b'\xd8\xd8\xd8\xd8\x00\xd8\x00\x00', 'utf-16-be'),
    (b'\x11\x11\x11\x11\x11\x00\x00\x00\x00\x00\x00', 'utf-32-le'),
    (b'\x11\x11\x11\x00\x00\x11\x11\x00\x00\x00\x00', 'utf-32-be'),
]
for data, enc in cases:
    print(enc, ascii(data.decode(enc, 't.forward')))
print(ascii(b'\x00'.decode('utf-16', 't.long')))
print(ascii(b'\x00'.decode('utf-32', 't.long')))
print(ascii(b'\xd8\xd8\xd8'.decode('utf-16-be', 't.long')))
for enc, data in [("ascii", b"\xff"), ("utf-8", b"\xff"), ("utf-16", b"\xff"), ("utf-32", b"\xff"),
                  ("unicode-escape", b"\\u123g"), ("raw-unicode-escape", b"\\u123g")]:
    print(enc, ascii(data.decode(enc, "t.empty")))
    try:
        data.decode(enc, "t.int")
    except TypeError as e:
        print(" ", type(e).__name__, e)

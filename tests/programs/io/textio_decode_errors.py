# Decoding errors while reading text: where they are raised, handlers.
import _io
P = "/tmp/taipan_io_textio_decode_errors"
with open(P, "wb") as f:
    f.write(b"good line\nbad \xff\xfe byte\ntruncated \xe2\x82")
with open(P, encoding="utf-8") as f:
    f._CHUNK_SIZE = 4
    print(repr(f.readline()))
    try:
        f.readline()
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError", e.encoding, e.start, e.end, e.reason)
with open(P, encoding="utf-8") as f:
    try:
        f.readline()
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError", e.encoding, e.start, e.end, e.reason)
with open(P, encoding="utf-8") as f:
    try:
        f.read()
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError", e)
for errors in ("replace", "ignore", "surrogateescape", "backslashreplace"):
    with open(P, encoding="utf-8", errors=errors) as f:
        print(errors, ascii(f.read()))
    with open(P, encoding="utf-8", errors=errors) as f:
        print(errors, [ascii(l) for l in f])
t = _io.TextIOWrapper(_io.BytesIO(b"ab\xe2\x82"), encoding="utf-8")
t._CHUNK_SIZE = 1
print(repr(t.read(1)), repr(t.read(1)))
try:
    t.read(1)
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
with open(P, encoding="ascii", errors="strict") as f:
    try:
        f.read()
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError", e)

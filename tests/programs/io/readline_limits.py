# readline(limit) and readlines(hint) on every layer.
import _io
P = "/tmp/taipan_io_readline_limits"
data = b"short\nmuch longer line here\n\nlast"
with open(P, "wb") as f:
    f.write(data)
def layers():
    yield "FileIO", _io.FileIO(P)
    yield "BufferedReader", open(P, "rb")
    yield "BufferedReader4", open(P, "rb", buffering=4)
    yield "TextIOWrapper", open(P)
    yield "BytesIO", _io.BytesIO(data)
    yield "StringIO", _io.StringIO(data.decode())
for name, f in layers():
    print(name, [f.readline(n) for n in (3, 3, 0, -1, 100, 4, 1, None)])
    f.seek(0)
    print(name, f.readlines(1))
    f.seek(0)
    print(name, f.readlines(6), f.readlines(7))
    f.seek(0)
    print(name, f.readlines(-1))
    for bad in ("x", 1.5):
        f.seek(0)
        try:
            print(name, f.readline(bad))
        except TypeError as e:
            print(name, "TypeError", e)
    f.close()

# Reading with each newline mode: translation, line splitting, newlines seen.
import _io
P = "/tmp/taipan_io_textio_newlines_read"
data = b"a\nb\r\nc\rd\r\re\n\nf\r"
with open(P, "wb") as f:
    f.write(data)
for nl in (None, "", "\n", "\r", "\r\n"):
    with open(P, newline=nl) as f:
        print(repr(nl), repr(f.read()), f.newlines)
    with open(P, newline=nl) as f:
        print(repr(nl), [l for l in f], f.newlines)
    with open(P, newline=nl) as f:
        print(repr(nl), [f.readline(2) for _ in range(5)])
    t = _io.TextIOWrapper(_io.BytesIO(data), newline=nl)
    t._CHUNK_SIZE = 1
    print(repr(nl), t.readlines(), t.newlines)
for chunk in (1, 2, 3, 5):
    t = _io.TextIOWrapper(_io.BytesIO(b"x\r\ny\r\rz\r"), newline=None)
    t._CHUNK_SIZE = chunk
    out = []
    while True:
        c = t.read(1)
        if not c:
            break
        out.append(c)
    print(chunk, out, t.newlines)
t = _io.TextIOWrapper(_io.BytesIO(b"only\n"))
print(t.newlines, t.read(), t.newlines)
t = _io.TextIOWrapper(_io.BytesIO(b"a\r\nb\n"))
print(t.readline(), t.newlines, t.readline(), t.newlines)
try:
    open(P, newline="x")
except ValueError as e:
    print("ValueError", e)
try:
    open(P, newline=1)
except TypeError as e:
    print("TypeError", e)

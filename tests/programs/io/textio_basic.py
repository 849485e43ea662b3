# TextIOWrapper from open(): write, read, readline(s), iteration, with, attributes.
import _io
P = "/tmp/taipan_io_textio_basic"
with open(P, "w") as f:
    print(type(f).__name__, f.mode, f.encoding, f.errors, f.line_buffering, f.write_through, f.name == P)
    print(f.write("alpha\n"), f.write("béta\n"), f.write(""), f.writelines(["gamma\n", "δelta"]))
    print(f.readable(), f.writable(), f.seekable(), f.isatty(), f.closed, type(f.buffer).__name__, f.newlines)
print(f.closed)
with open(P) as f:
    print(repr(f.read()))
with open(P) as f:
    print(repr(f.readline()), repr(f.readline(3)), repr(f.readline(0)), repr(f.readline(-1)), repr(f.read(2)), repr(f.readline()))
    print(repr(f.readline()), repr(f.readline()), f.newlines)
with open(P) as f:
    print(f.readlines())
with open(P) as f:
    print(f.readlines(7))
with open(P) as f:
    for i, line in enumerate(f):
        print(i, repr(line))
with open(P, "a") as f:
    print(f.tell(), f.write("\nappended"))
with open(P, encoding="utf-8") as f:
    print(repr(f.read(3)), repr(f.read(0)), repr(f.read(None)[-8:]))
with open(P, "r+") as f:
    print(f.write("ALPHA"), f.seek(0), repr(f.readline()))
with open(P, "w+") as f:
    print(f.write("x\ny\n"), f.seek(0), f.read(), f.read(), f.tell())
t = _io.TextIOWrapper(_io.BytesIO(b"one\ntwo\n"), encoding="ascii")
print(t.encoding, t.readlines(), repr(t), t.name if hasattr(t, "name") else "no name")
t = _io.TextIOWrapper(_io.BytesIO())
print(t.encoding, t.write("a\nb"), t.buffer.getvalue(), t.flush(), t.buffer.getvalue())
t.seek(0)
print(t.read(), t.tell())
try:
    t.write(b"x")
except TypeError as e:
    print("TypeError", e)
f = open(P)
f.close()
for m in ["read", "readline", "write", "tell", "seek", "flush", "fileno", "isatty", "__iter__", "__next__"]:
    args = {"write": ("x",), "seek": (0,)}.get(m, ())
    try:
        getattr(f, m)(*args)
        print(m, "ok")
    except Exception as e:
        print(m, type(e).__name__, e)
print(f.close(), f.closed, repr(f))

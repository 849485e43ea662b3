# detach() of text and buffered objects.
import _io
P = "/tmp/taipan_io_textio_detach"
f = open(P, "w")
f.write("pending")
b = f.detach()
print(type(b).__name__, b.closed, f.buffer)
for m in ["write", "read", "flush", "close", "tell", "detach", "fileno", "readable"]:
    try:
        getattr(f, m)(*(("x",) if m == "write" else ()))
        print(m, "ok")
    except Exception as e:
        print(m, type(e).__name__, e)
for a in ["name", "closed", "newlines", "encoding", "errors", "line_buffering"]:
    try:
        print(a, getattr(f, a))
    except Exception as e:
        print(a, type(e).__name__, e)
print(repr(f))
raw = b.detach()
print(type(raw).__name__, repr(b))
try:
    b.write(b"x")
except ValueError as e:
    print("ValueError", e)
print(raw.read() if raw.readable() else raw.mode)
raw.close()
print(open(P).read())
t = _io.TextIOWrapper(_io.BytesIO(b"abc"))
bio = t.detach()
print(bio.getvalue(), bio.closed)

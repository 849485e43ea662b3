# BufferedWriter over FileIO: buffering, flush, large writes, seek/tell, truncate, close.
import _io
P = "/tmp/taipan_io_buffered_writer"
def contents():
    with open(P, "rb") as f:
        return f.read()
for size in (4, 8, 8192):
    w = _io.BufferedWriter(_io.FileIO(P, "w"), size)
    out = [w.write(b"ab"), contents(), w.tell(), w.write(b"cdefghij"), contents(), w.tell()]
    out += [w.write(b"k" * 20), len(contents()), w.flush(), len(contents()), w.tell()]
    out += [w.seek(2), w.write(b"ZZ"), w.tell(), contents()[:6], w.flush(), contents()[:6]]
    out += [w.seek(0, 2), w.write(b"end"), w.truncate(10), contents(), w.tell()]
    out += [w.seek(-3, 1), w.write(b"!"), w.tell()]
    w.close()
    out += [contents(), w.closed]
    print(size, out)
w = _io.BufferedWriter(_io.FileIO(P, "w"))
print(w.writable(), w.readable(), w.seekable(), w.mode, w.raw.mode, w.name == P)
print(w.write(bytearray(b"xyz")), w.write(memoryview(b"123")[1:]))
raw = w.detach()
print(type(raw).__name__, raw.closed, contents())
for m in ["write", "flush", "tell", "close", "detach"]:
    try:
        getattr(w, m)(*((b"a",) if m == "write" else ()))
        print(m, "ok")
    except Exception as e:
        print(m, type(e).__name__, e)
print(repr(w).startswith("<_io.BufferedWriter"), w.raw)
raw.close()
w = _io.BufferedWriter(_io.FileIO(P, "w"))
w.write(b"unflushed")
del w
print(contents())
w = _io.BufferedWriter(_io.FileIO(P, "w"))
w.close()
for m in ["write", "flush"]:
    try:
        getattr(w, m)(*((b"a",) if m == "write" else ()))
    except ValueError as e:
        print(m, "ValueError", e)
try:
    _io.BufferedWriter(_io.FileIO(P, "r"))
except Exception as e:
    print(type(e).__name__, e)
try:
    _io.BufferedWriter(_io.FileIO(P, "w")).write("str")
except TypeError as e:
    print("TypeError", e)

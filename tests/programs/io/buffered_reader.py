# BufferedReader over FileIO: read, read1, peek, readline, readinto, seek/tell.
import _io
P = "/tmp/taipan_io_buffered_reader"
data = b"".join(b"line %d: %s\n" % (i, b"x" * (i % 7)) for i in range(40))
with open(P, "wb") as f:
    f.write(data)
for size in (4, 7, 16, 8192):
    r = _io.BufferedReader(_io.FileIO(P, "r"), size)
    out = [r.read(3), r.peek(1)[:2], r.read1(5), r.tell(), r.readline(), r.readline(4), r.tell()]
    b = bytearray(9)
    out += [r.readinto(b), bytes(b), r.readinto1(b), r.tell()]
    out += [r.read(20), r.tell(), r.seek(5), r.read(3), r.seek(2, 1), r.read(2), r.tell()]
    out += [r.seek(-4, 2), r.read(), r.read(), r.read(1), r.peek(3), r.read1(3), r.tell()]
    out += [r.seek(0), len(r.read()), r.seek(10), r.read1(), r.tell()]
    print(size, out)
    r.seek(0)
    lines = list(r)
    print(len(lines), lines[3], lines[-1], r.tell())
    r.seek(0)
    print(r.readlines(30), r.tell())
    print(r.readable(), r.writable(), r.seekable(), r.closed, r.raw.mode, r.mode, r.name == P)
    r.close()
    print(r.closed, r.raw.closed)
r = _io.BufferedReader(_io.FileIO(P, "r"))
print(len(r.read(10 ** 6)), r.read(5), r.read1(0), r.read(0))
r.seek(0)
print(r.read(-1)[:10], r.tell())
try:
    r.read(-2)
except ValueError as e:
    print("ValueError", e)
try:
    _io.BufferedReader(_io.FileIO(P, "r"), 0)
except ValueError as e:
    print("ValueError", e)
try:
    _io.BufferedReader(_io.FileIO(P, "w"))
except Exception as e:
    print(type(e).__name__, e)
try:
    r.seek(0, 9)
except ValueError as e:
    print("ValueError", e)
r.close()
for m in ["read", "peek", "read1", "readline", "seek", "tell", "flush"]:
    try:
        getattr(r, m)(*((0,) if m == "seek" else ()))
        print(m, "ok")
    except Exception as e:
        print(m, type(e).__name__, e)

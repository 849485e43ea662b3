# BufferedRWPair: reads from one raw stream, writes to another.
import _io
P = "/tmp/taipan_io_buffered_rwpair"
with open(P, "wb") as f:
    f.write(b"first line\nsecond line\n")
r = _io.FileIO(P, "r")
w = _io.FileIO(P + "_out", "w")
p = _io.BufferedRWPair(r, w, 4)
print(p.readable(), p.writable(), p.isatty(), p.closed)
print(p.read(3), p.peek(1)[:1], p.read1(4), p.readline() if hasattr(p, "readline") else None)
b = bytearray(5)
print(p.readinto(b), b, p.readinto1(b), b)
print(p.write(b"out1"), p.write(b"out2"), p.flush())
print(open(P + "_out", "rb").read())
print(p.read(), p.read())
p.close()
print(p.closed, r.closed, w.closed)
try:
    _io.BufferedRWPair(w, r)
except Exception as e:
    print(type(e).__name__, e)
try:
    _io.BufferedRWPair(r)
except Exception as e:
    print(type(e).__name__, e)
try:
    _io.BufferedRWPair(r, w, buffer_size=4)
except Exception as e:
    print(type(e).__name__, e)
q = _io.BufferedRWPair.__new__(_io.BufferedRWPair)
try:
    q.read()
except Exception as e:
    print(type(e).__name__, e)

# BufferedRandom: interleaved reads, writes and seeks keep one position.
import _io
P = "/tmp/taipan_io_buffered_random"
with open(P, "wb") as f:
    f.write(bytes(range(48, 48 + 60)))
for size in (5, 16, 8192):
    f = _io.BufferedRandom(_io.FileIO(P, "r+"), size)
    out = [f.read(3), f.tell(), f.write(b"AB"), f.tell(), f.read(4), f.tell()]
    out += [f.seek(1), f.read(6), f.peek(2)[:2], f.write(b"cd"), f.tell(), f.seek(0), f.read(12)]
    out += [f.seek(-5, 2), f.write(b"END"), f.read(), f.tell(), f.seek(0, 1)]
    out += [f.seek(20), f.readline(), f.read1(3), f.tell(), f.truncate(30), f.tell(), f.read()]
    f.flush()
    f.seek(0)
    out += [f.read(), f.readable(), f.writable(), f.seekable()]
    f.close()
    with open(P, "wb") as g:
        g.write(bytes(range(48, 48 + 60)))
    print(size, out)
f = open(P, "r+b")
print(type(f).__name__, f.mode, f.raw.mode)
f.write(b"\n" * 3)
print(f.readline(), f.readline(), f.tell(), list(f)[:2])
f.close()
f = open(P, "w+b")
print(f.write(b"hello\nworld\n"), f.seek(0), f.readlines(), f.tell())
b = bytearray(4)
f.seek(3)
print(f.readinto(b), b, f.readinto1(b), b, f.tell())
f.close()
f = open(P, "a+b")
print(f.tell(), f.write(b"more"), f.seek(0), f.read())
f.close()

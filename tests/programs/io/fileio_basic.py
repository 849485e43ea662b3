# FileIO: modes, read/write/readall/readinto, seek/tell/truncate, attributes.
import sys
import _io
P = "/tmp/taipan_io_fileio_basic"
f = _io.FileIO(P, "w")
print(type(f).__name__, f.mode, f.name == P, f.closefd, f.closed, f.readable(), f.writable(), f.seekable())
print(f.write(b"hello world\n"), f.write(bytearray(b"second")), f.write(memoryview(b"!")))
print(f.tell(), f.seek(0), f.tell(), f.seek(0, 2), f.seek(-3, 1))
print(f.truncate(), f.tell(), f.truncate(5), f.tell())
print(f._blksize > 0, f._finalizing, f.isatty(), f.fileno() > 2)
f.close()
print(f.closed, f.close(), repr(f))
f = _io.FileIO(P, "r")
print(f.mode, f.read(), f.read(), f.readall())
f.seek(1)
b = bytearray(3)
print(f.readinto(b), b, f.readinto(bytearray(10)), f.readinto(bytearray(2)))
f.seek(0)
print(f.read(2), f.read(-1), f.read(None))
f.close()
with _io.FileIO(P, "a") as f:
    print(f.mode, f.tell(), f.write(b" appended"), f.tell())
with _io.FileIO(P, "r+") as f:
    print(f.mode, f.read(3), f.write(b"XY"), f.seek(0), f.readall())
with _io.FileIO(P, "w+") as f:
    print(f.mode, f.readall(), f.write(b"abc"), f.seek(0), f.read())
with _io.FileIO(P, "a+") as f:
    print(f.mode, f.read(), f.seek(0), f.read(), f.write(b"d"), f.seek(0), f.read())
with _io.FileIO(P, "rb") as f:
    m = memoryview(bytearray(4))
    print(f.readinto(m), bytes(m))
f = _io.FileIO(P, "r")
print(f.read(0), f.seek(100), f.read(5), f.tell())
f.close()
x = P + "_x"
with _io.FileIO(x, "x") as f:
    print(f.mode, f.write(b"new"))
with _io.FileIO(x, "x+") if False else _io.FileIO(x, "r") as f:
    print(f.read())
try:
    _io.FileIO(x, "x")
except FileExistsError as e:
    print("FileExistsError", e.errno, e.strerror, e.filename == x)
print(_io.FileIO(P, "rb").mode, _io.FileIO(P, "wb").mode, _io.FileIO(P, "xb" if False else "ab").mode)

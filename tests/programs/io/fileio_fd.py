# FileIO over a descriptor: closefd, opener, names that are ints.
import _io
P = "/tmp/taipan_io_fileio_fd"
with open(P, "wb") as f:
    f.write(b"0123456789")
a = _io.FileIO(P, "r")
fd = a.fileno()
b = _io.FileIO(fd, closefd=False)
print(b.name == fd, b.closefd, b.mode, repr(b).startswith("<_io.FileIO name="))
print(b.read(3), a.read(3), a.tell(), b.tell())
b.close()
print(b.closed, a.closed, a.read(2))
f = open(fd, "rb", closefd=False)
print(f.name == fd, f.read(2), f.raw.closefd, f.mode)
f.close()
print(a.closed, a.read(1))
t = open(fd, "r", closefd=False)
print(t.name == fd, t.mode, t.read(2), t.buffer.raw.closefd)
t.close()
print(a.closed, a.seek(0), a.read(2))
seen = []
def opener(path, flags):
    seen.append((path == P, type(flags).__name__))
    return a.fileno()
c = _io.FileIO(P, "r", opener=opener)
print(seen, c.fileno() == fd, c.name == P, c.closefd, c.read(1))
c.close()
try:
    a.close()
except OSError as e:
    print("OSError", e.errno, e.strerror)
print(a.closed)

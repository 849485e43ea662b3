# fileno() and isatty() across layers and special files.
import _io
P = "/tmp/taipan_io_fileno_isatty"
f = open(P, "w")
fd = f.fileno()
print(fd == f.buffer.fileno() == f.buffer.raw.fileno(), fd > 2, f.isatty(), f.buffer.isatty(), f.buffer.raw.isatty())
f.close()
n = open("/dev/null", "rb", buffering=0)
print(n.isatty(), n.fileno() > 2, n.seekable(), n.readable(), n.writable())
n.close()
for obj in (_io.BytesIO(), _io.StringIO()):
    print(type(obj).__name__, obj.isatty())
    try:
        obj.fileno()
    except Exception as e:
        print(type(e).__name__, e)
g = open(P, "rb")
h = open(g.fileno(), "rb", closefd=False)
print(h.fileno() == g.fileno(), h.name == g.fileno())
h.close()
print(g.closed, g.read())
g.close()
try:
    open(P).fileno() and open(-5)
except ValueError as e:
    print("ValueError", e)

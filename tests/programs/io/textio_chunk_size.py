# _CHUNK_SIZE and reading across chunk boundaries of long files.
import _io
P = "/tmp/taipan_io_textio_chunk_size"
lines = ["%05d %s\n" % (i, "ü" * (i % 13) + "x" * (i % 5)) for i in range(3000)]
with open(P, "w", encoding="utf-8") as f:
    f.writelines(lines)
    print(f._CHUNK_SIZE, f.tell())
with open(P, encoding="utf-8") as f:
    print(f._CHUNK_SIZE, len(f.read()), f.tell())
with open(P, encoding="utf-8") as f:
    got = f.readlines()
    print(got == lines, f.tell())
with open(P, encoding="utf-8") as f:
    total = 0
    sizes = [1, 100, 8191, 8192, 8193, 20000, 3]
    for n in sizes:
        s = f.read(n)
        total += len(s)
        print(n, len(s), f.tell())
for cs in (1, 3, 10, 100000):
    with open(P, encoding="utf-8") as f:
        f._CHUNK_SIZE = cs
        a = f.read(50)
        pos = f.tell()
        b = f.readline()
        f.seek(pos)
        print(cs, pos, f.readline() == b, len(a))
t = _io.TextIOWrapper(_io.BytesIO())
for bad in (0, -1, "x", 2 ** 70):
    try:
        t._CHUNK_SIZE = bad
    except Exception as e:
        print(type(e).__name__, e)
try:
    del t._CHUNK_SIZE
except Exception as e:
    print(type(e).__name__, e)
with open(P, "w") as f:
    f._CHUNK_SIZE = 4
    f.write("ab")
    print(open(P).read() == "")
    f.write("cdef")
    print(open(P).read() == "")

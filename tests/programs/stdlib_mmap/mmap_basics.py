# mmap of a file (read, write through, slices, find, readline, seek,
# flush), anonymous memory, the access modes and the argument errors.
import mmap, os

PATH = "/tmp/taipan_stdlib_mmap_mmap_basics"
with open(PATH, "wb") as f:
    f.write(b"hello world\nsecond line\nthird\n")

with open(PATH, "r+b") as f:
    m = mmap.mmap(f.fileno(), 0)
    print(len(m), m.size(), m[:5], m[0], m[-1], m[6:11], m[::7])
    print(m.readline(), m.tell(), m.read(6), m.read_byte(), m.tell())
    print(m.find(b"line"), m.find(b"line", 20), m.rfind(b"l"), m.find(b"zzz"))
    m.seek(0)
    m.write(b"HELLO")
    m[6] = ord("W")
    m[7:9] = b"OR"
    m.flush()
    m.seek(-6, 2)
    print(m.read(), m.tell())
    for bad in [lambda: m.seek(100), lambda: m.__setitem__(0, 300), lambda: m.__setitem__(slice(0, 2), b"x"),
                lambda: m[100], lambda: m.write_byte(1)]:
        try:
            bad()
        except (ValueError, IndexError, TypeError) as e:
            print(type(e).__name__, e)
    m.close()
    print(m.closed)
    try:
        m.read()
    except ValueError as e:
        print("closed:", e)
with open(PATH, "rb") as f:
    print(f.read())

with open(PATH, "rb") as f:
    with mmap.mmap(f.fileno(), 5, access=mmap.ACCESS_READ) as r:
        print(r[:], r.closed)
        try:
            r[0] = 1
        except TypeError as e:
            print("readonly:", e)
    with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY) as c:
        c[0:5] = b"xxxxx"
        print(c[:8])
with open(PATH, "rb") as f:
    print(f.read(8))

a = mmap.mmap(-1, 16)
a.write(b"anon")
print(a[:6], len(a))
a.close()

with open(PATH, "rb") as f:
    for kwargs in [dict(length=-1), dict(length=1000), dict(length=0, offset=4096 * 100),
                   dict(length=5, access=7), dict(length=5, access=mmap.ACCESS_READ, prot=mmap.PROT_READ)]:
        try:
            mmap.mmap(f.fileno(), **kwargs)
        except (ValueError, OverflowError) as e:
            print(type(e).__name__, e)
open(PATH + "-empty", "wb").close()
with open(PATH + "-empty", "rb") as f:
    try:
        mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except ValueError as e:
        print(e)
os.remove(PATH)
os.remove(PATH + "-empty")
print(mmap.ACCESS_READ, mmap.ACCESS_WRITE, mmap.ACCESS_COPY, mmap.PAGESIZE > 0, mmap.error is OSError)

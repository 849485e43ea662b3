# mmap's buffer protocol, resize, move, madvise, slicing and find.
import mmap
import os
import struct
import tempfile

m = mmap.mmap(-1, 16)
m.write(b"hello mmap world")
v = memoryview(m)
print(v.format, v.itemsize, v.nbytes, v.readonly, v.tobytes())
v[0] = ord("J")
print(m[:5], bytes(m[:5]))
for call in [lambda: m.close(), lambda: m.resize(32)]:
    try:
        call()
    except BufferError as e:
        print(type(e).__name__, e)
struct.pack_into("<I", m, 12, 0x64636261)
print(struct.unpack_from("<I", m, 12), m[12:])
v.release()
m.resize(32)
print(len(m), m[:16], m[16:])
m.resize(4)
print(len(m), m[:])
m.move(0, 2, 2)
print(m[:])
try:
    m.move(0, 3, 2)
except ValueError as e:
    print(type(e).__name__, e)
m.madvise(mmap.MADV_NORMAL)
m.madvise(mmap.MADV_WILLNEED, 0, 4)
for args in [(mmap.MADV_NORMAL, 10), (mmap.MADV_NORMAL, 0, -1)]:
    try:
        m.madvise(*args)
    except ValueError as e:
        print(type(e).__name__, e)
m.close()
try:
    memoryview(m)
except ValueError as e:
    print(type(e).__name__, e)

with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "f")
    with open(path, "wb") as f:
        f.write(b"abcabcabc\n" * 2)
    with open(path, "r+b") as f:
        mm = mmap.mmap(f.fileno(), 0)
        print(mm.find(b"bc"), mm.rfind(b"bc"), mm.find(b"bc", 3), mm.rfind(b"bc", 0, 5), mm.find(b"zz"))
        print(mm[::3], mm[-3:], mm[5:2], mm[1:10:4])
        mm[0:3] = b"XYZ"
        mm.flush()
        mm.resize(30)
        print(os.path.getsize(path), mm.size(), len(mm))
        mm[20:30] = b"0123456789"
        mm.flush()
        mm.close()
    with open(path, "rb") as f:
        print(f.read())
    with open(path, "rb") as f:
        ro = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        rv = memoryview(ro)
        print(rv.readonly, bytes(rv[:3]))
        try:
            rv[0] = 1
        except TypeError as e:
            print(type(e).__name__, e)
        rv.release()
        try:
            ro.resize(5)
        except TypeError as e:
            print(type(e).__name__, e)
        buf = bytearray(4)
        f.seek(0)
        ro.close()
    with open(path, "rb") as f:
        target = mmap.mmap(-1, 8)
        print(f.readinto(target), target[:])
        target.close()

r = mmap.mmap(-1, 10)
r.seek(3)
print(repr(r))
r.close()
print(repr(r))

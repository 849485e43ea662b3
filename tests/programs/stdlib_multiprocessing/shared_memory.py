# multiprocessing.shared_memory over _posixshmem: create, attach by name,
# ShareableList, unlink, and _posixshmem's errors.
import os
import _posixshmem
from multiprocessing import shared_memory

name = "taipan_shm_%d" % os.getpid()
a = shared_memory.SharedMemory(name=name, create=True, size=64)
print(a.name == name, a.size >= 64)
a.buf[:5] = b"hello"
b = shared_memory.SharedMemory(name=name)
print(bytes(b.buf[:5]))
b.buf[0] = ord("j")
print(bytes(a.buf[:5]))
b.close()
a.close()
a.unlink()
try:
    shared_memory.SharedMemory(name=name)
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.filename == "/" + name)

sl = shared_memory.ShareableList([1, 2.5, "three", b"four", None, True])
print(list(sl))
sl[0] = 42
sl2 = shared_memory.ShareableList(name=sl.shm.name)
print(sl2[0], sl2[2], sl2.count(None), sl2.index("three"))
sl2.shm.close()
sl.shm.close()
sl.shm.unlink()

try:
    _posixshmem.shm_unlink("/taipan-no-such-shm")
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.filename)
try:
    _posixshmem.shm_open("/taipan-no-such-shm", os.O_RDWR)
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.filename)
fd = _posixshmem.shm_open("/" + name, os.O_CREAT | os.O_EXCL | os.O_RDWR, mode=0o600)
print(os.get_inheritable(fd), os.fstat(fd).st_size)
os.close(fd)
_posixshmem.shm_unlink("/" + name)
for bad in [(1, 0), ("/taipan-no\0b", 0), ("/x", "y")]:
    try:
        _posixshmem.shm_open(*bad)
    except (TypeError, ValueError, OSError) as e:
        print(type(e).__name__, e)

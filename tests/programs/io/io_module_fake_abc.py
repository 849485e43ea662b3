# Lib's io.py on top of _io (with a stand-in for abc, which needs _weakref):
# its classes derive from the _io ones, and Python subclasses of them work.
import sys
class ABCMeta(type):
    def register(cls, subclass):
        cls._registered = getattr(cls, "_registered", ()) + (subclass.__name__,)
        return subclass
abc = type(sys)("abc")
abc.ABCMeta = ABCMeta
abc.abstractmethod = lambda f: f
sys.modules["abc"] = abc
sys.modules.pop("io", None)
import io
print(io.open is open, io.FileIO.__module__, io.UnsupportedOperation.__module__, io.DEFAULT_BUFFER_SIZE)
print([c.__name__ for c in io.RawIOBase.__mro__])
print([c.__name__ for c in io.TextIOBase.__mro__])
print(io.RawIOBase._registered, io.BufferedIOBase._registered, io.TextIOBase._registered)
print(io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)
class Upper(io.RawIOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0
    def readable(self):
        return True
    def readinto(self, b):
        chunk = self.data[self.pos:self.pos + len(b)].upper()
        b[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)
r = Upper(b"first line\nsecond line\n")
print(r.read(3), r.readline(), r.readall())
t = io.TextIOWrapper(io.BufferedReader(Upper(b"text through three layers\nline 2\n")), encoding="ascii")
print(t.readlines(), isinstance(t, io.TextIOWrapper), isinstance(r, io.IOBase))
class Buf(io.BufferedIOBase):
    def __init__(self):
        self.out = []
    def writable(self):
        return True
    def write(self, b):
        self.out.append(bytes(b))
        return len(b)
b = Buf()
w = io.TextIOWrapper(b, encoding="utf-8", line_buffering=True)
w.write("é\n")
print(b.out, w.line_buffering)
s = io.StringIO("x\ny")
print(list(s), io.BytesIO(b"z").read())
try:
    io.RawIOBase().read(1)
except NotImplementedError:
    print("NotImplementedError")
with io.open("/tmp/taipan_io_io_module_fake_abc", "w", encoding="utf-8") as f:
    f.write("via io.open")
print(open("/tmp/taipan_io_io_module_fake_abc").read())

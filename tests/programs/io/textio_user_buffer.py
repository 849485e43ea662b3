# TextIOWrapper over buffer objects written in Python.
import _io
class Buf(_io._BufferedIOBase):
    def __init__(self, data=b""):
        self.inner = _io.BytesIO(data)
        self.log = []
    def readable(self):
        self.log.append("readable")
        return True
    def writable(self):
        self.log.append("writable")
        return True
    def seekable(self):
        self.log.append("seekable")
        return True
    def read(self, n=-1):
        self.log.append(("read", n))
        return self.inner.read(n)
    def read1(self, n=-1):
        self.log.append(("read1", n))
        return self.inner.read(min(n, 5))
    def write(self, b):
        self.log.append(("write", bytes(b)))
        return self.inner.write(b)
    def flush(self):
        self.log.append("flush")
    def tell(self):
        self.log.append("tell")
        return self.inner.tell()
    def seek(self, pos, whence=0):
        self.log.append(("seek", pos, whence))
        return self.inner.seek(pos, whence)
    @property
    def closed(self):
        return False
b = Buf(b"first\nsecond\nthird\n")
t = _io.TextIOWrapper(b, encoding="utf-8")
print(b.log); b.log.clear()
print(repr(t.readline()), b.log); b.log.clear()
print(t.tell(), b.log); b.log.clear()
print(repr(t.read(4)), b.log); b.log.clear()
print(t.write("X"), b.log); b.log.clear()
print(t.flush(), b.log); b.log.clear()
print(repr(t.read()), b.log); b.log.clear()
print(t.seek(0), b.log); b.log.clear()
class NoRead1(_io._BufferedIOBase):
    def __init__(self, data):
        self.inner = _io.BytesIO(data)
    def readable(self):
        return True
    def read(self, n=-1):
        return self.inner.read(n)
t = _io.TextIOWrapper(NoRead1(b"abc\ndef"), encoding="ascii")
try:
    t.readline()
except Exception as e:
    print(type(e).__name__, e)
class PlainRead:
    def __init__(self, data):
        self.inner = _io.BytesIO(data)
        self.closed = False
    def readable(self):
        return True
    def writable(self):
        return False
    def seekable(self):
        return False
    def read(self, n=-1):
        return self.inner.read(n)
t = _io.TextIOWrapper(PlainRead(b"abc\ndef"), encoding="ascii")
print(repr(t.readline()), repr(t.read()), t.seekable())
try:
    t.tell()
except Exception as e:
    print(type(e).__name__, e)
class BadRead(NoRead1):
    def read1(self, n):
        return "text"
try:
    _io.TextIOWrapper(BadRead(b"x")).read(1)
except TypeError as e:
    print("TypeError", e)
class NotWritable(NoRead1):
    pass
t = _io.TextIOWrapper(NotWritable(b"x"))
try:
    t.write("y")
except Exception as e:
    print(type(e).__name__, e)
class NotReadable(_io._BufferedIOBase):
    def writable(self):
        return True
    def write(self, b):
        return len(b)
t = _io.TextIOWrapper(NotReadable())
try:
    t.read()
except Exception as e:
    print(type(e).__name__, e)
print(t.write("ok"))

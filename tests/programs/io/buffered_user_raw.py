# Buffered objects over a raw stream written in Python: the raw calls they make.
import _io
class Raw(_io._RawIOBase):
    def __init__(self, data=b"", chunk=None):
        self.data = bytearray(data)
        self.pos = 0
        self.log = []
        self.chunk = chunk
    def readable(self):
        return True
    def writable(self):
        return True
    def seekable(self):
        return True
    def readinto(self, b):
        n = len(b)
        if self.chunk:
            n = min(n, self.chunk)
        got = self.data[self.pos:self.pos + n]
        b[:len(got)] = got
        self.log.append(("readinto", len(b), type(b).__name__, len(got)))
        self.pos += len(got)
        return len(got)
    def write(self, b):
        self.log.append(("write", bytes(b), type(b).__name__))
        n = len(b)
        if self.chunk:
            n = min(n, self.chunk)
        self.data[self.pos:self.pos + n] = bytes(b)[:n]
        self.pos += n
        return n
    def seek(self, pos, whence=0):
        self.log.append(("seek", pos, whence))
        if whence == 0:
            self.pos = pos
        elif whence == 1:
            self.pos += pos
        else:
            self.pos = len(self.data) + pos
        return self.pos
    def tell(self):
        self.log.append(("tell",))
        return self.pos
raw = Raw(b"abcdefghijklmnopqrstuvwxyz\n0123456789\n")
r = _io.BufferedReader(raw, 8)
print(raw.log); raw.log.clear()
print(r.read(3), raw.log); raw.log.clear()
print(r.read(10), raw.log); raw.log.clear()
print(r.read(20), raw.log); raw.log.clear()
print(r.tell(), raw.log); raw.log.clear()
print(r.seek(2), r.read(2), raw.log); raw.log.clear()
print(r.readline(), raw.log); raw.log.clear()
print(r.read(), raw.log); raw.log.clear()
raw = Raw(b"x" * 50, chunk=3)
r = _io.BufferedReader(raw, 16)
print(r.read(20), r.read1(100), r.peek(1), raw.log); raw.log.clear()
raw = Raw()
w = _io.BufferedWriter(raw, 8)
print(raw.log); raw.log.clear()
print(w.write(b"abc"), raw.log); raw.log.clear()
print(w.write(b"defghij"), raw.log); raw.log.clear()
print(w.write(b"0123456789ABCDEFGHIJ"), raw.log); raw.log.clear()
print(w.flush(), raw.log, raw.data); raw.log.clear()
print(w.seek(1), w.write(b"Z"), w.tell(), raw.log); raw.log.clear()
w.close()
print(raw.log, raw.data, raw.closed); raw.log.clear()
raw = Raw(b"0123456789" * 3, chunk=4)
rw = _io.BufferedRandom(raw, 8)
print(rw.read(2), rw.write(b"ab"), rw.read(2), rw.tell(), raw.log); raw.log.clear()
print(rw.seek(0), rw.read(6), rw.flush(), raw.log, raw.data); raw.log.clear()
class Bad(Raw):
    def readinto(self, b):
        return 100
r = _io.BufferedReader(Bad(b"abc"))
try:
    r.read(2)
except OSError as e:
    print("OSError", e)
class NoneRaw(Raw):
    def readinto(self, b):
        return None
r = _io.BufferedReader(NoneRaw(b"abc"))
print(r.read(2), r.read())
class NotReadable(Raw):
    def readable(self):
        return False
try:
    _io.BufferedReader(NotReadable())
except Exception as e:
    print(type(e).__name__, e)
class BadTell(Raw):
    def tell(self):
        return -5
try:
    _io.BufferedReader(BadTell()).tell()
except OSError as e:
    print("OSError", e)

# A raw stream written in Python on _io._RawIOBase: the generic methods.
import _io
class Bytes(_io._RawIOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0
        self.calls = []
    def readable(self):
        return True
    def readinto(self, b):
        self.calls.append(len(b))
        chunk = self.data[self.pos:self.pos + len(b)]
        b[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)
r = Bytes(b"one\ntwo\nthree")
print(r.read(2), r.calls, r.read(), r.calls[-2:], r.read(), r.read(5))
r = Bytes(b"one\ntwo\nthree")
print(r.readline(), r.calls, r.readline(2), r.readlines(), r.readall())
r = Bytes(b"a\nb\nc")
print(list(r), r.closed, r.__dict__.get("__IOBase_closed"))
with Bytes(b"ctx") as r:
    print(r.read(), r.closed, r.seekable(), r.writable(), r.isatty())
print(r.closed, r.__dict__["__IOBase_closed"], r.close())
for m in ["read", "readline", "__iter__", "flush", "__enter__", "isatty", "writelines"]:
    try:
        getattr(r, m)(*(([],) if m == "writelines" else ()))
        print(m, "ok")
    except Exception as e:
        print(m, type(e).__name__, e)
class NoneRaw(_io._RawIOBase):
    def readinto(self, b):
        return None
print(NoneRaw().read(4), NoneRaw().readall())
class BadRaw(_io._RawIOBase):
    def readinto(self, b):
        return "x"
try:
    BadRaw().read(4)
except TypeError as e:
    print("TypeError", e)
class Writer(_io._RawIOBase):
    def __init__(self):
        self.out = []
    def writable(self):
        return True
    def write(self, b):
        self.out.append(bytes(b))
        return len(b)
w = Writer()
w.writelines([b"a", b"bc"])
print(w.out, w.write(b"d"), w.flush(), w.out)
b = _io.BufferedWriter(w, 2)
b.write(b"xyz")
b.write(b"1")
b.flush()
print(w.out)
tw = _io.TextIOWrapper(_io.BufferedWriter(Writer()), encoding="utf-8")
tw.write("text é\n")
tw.flush()
print(tw.buffer.raw.out)
class Flusher(_io._RawIOBase):
    def flush(self):
        print("flush called, closed =", self.closed)
f = Flusher()
f.close()
print(f.closed)
class Closing(_io._RawIOBase):
    def close(self):
        print("custom close")
        super().close()
c = Closing()
del c
print("after del")

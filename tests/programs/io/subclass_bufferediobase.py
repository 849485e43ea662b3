# _io._BufferedIOBase subclasses: readinto over read, readinto1 over read1.
import _io
class Buf(_io._BufferedIOBase):
    def __init__(self, data):
        self.inner = _io.BytesIO(data)
    def readable(self):
        return True
    def read(self, n=-1):
        print("read", n)
        return self.inner.read(n)
    def read1(self, n=-1):
        print("read1", n)
        return self.inner.read(min(n, 2))
b = Buf(b"abcdefgh")
x = bytearray(3)
print(b.readinto(x), x, b.readinto1(x), x, b.readinto(memoryview(x)[:1]), x)
try:
    b.readinto(b"ro")
except TypeError as e:
    print("TypeError", e)
class TooMuch(_io._BufferedIOBase):
    def read(self, n=-1):
        return b"x" * (n + 1)
try:
    TooMuch().readinto(bytearray(2))
except ValueError as e:
    print("ValueError", e)
class NotBytes(_io._BufferedIOBase):
    def read(self, n=-1):
        return "s"
try:
    NotBytes().readinto(bytearray(2))
except TypeError as e:
    print("TypeError", e)
e = _io._BufferedIOBase()
for m in ["read", "read1", "write", "detach", "readinto", "readinto1", "readline", "fileno", "seek", "truncate", "tell"]:
    try:
        getattr(e, m)(*((bytearray(1),) if m.startswith("readinto") or m == "write" else ()))
    except Exception as ex:
        print(m, type(ex).__name__, ex)
print(isinstance(e, _io._IOBase), _io._BufferedIOBase.__mro__)
t = _io.TextIOWrapper(Buf(b"hi\nthere\n"), encoding="ascii")
print(repr(t.readline()))

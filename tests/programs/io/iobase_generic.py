# _io._IOBase generic methods on a Python subclass.
import _io
class Peek(_io._IOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0
        self.log = []
    def peek(self, n):
        self.log.append(("peek", n))
        return self.data[self.pos:self.pos + 4]
    def read(self, n):
        self.log.append(("read", n))
        out = self.data[self.pos:self.pos + n]
        self.pos += len(out)
        return out
p = Peek(b"hello\nworld\nend")
print(p.readline(), p.log)
p.log.clear()
print(p.readline(3), p.log)
print(p.readline(), p.readline(), p.readline())
p = Peek(b"l1\nl2\nl3\nl4\n")
print(p.readlines(4), p.readlines(), p.readlines())
p = Peek(b"x\ny\n")
print(list(p), p.readable(), p.writable(), p.seekable())
for m in ["seek", "tell", "truncate", "fileno"]:
    try:
        getattr(p, m)()
    except Exception as e:
        print(m, type(e).__name__, e)
class BadPeek(Peek):
    def peek(self, n):
        return "str"
try:
    BadPeek(b"x").readline()
except OSError as e:
    print("OSError", e)
class BadRead(_io._IOBase):
    def read(self, n):
        return 5
try:
    BadRead().readline()
except OSError as e:
    print("OSError", e)
class Seeker(_io._IOBase):
    def seek(self, pos, whence=0):
        return ("seek", pos, whence)
print(Seeker().tell())
class Closable(_io._IOBase):
    @property
    def closed(self):
        return True
try:
    iter(Closable())
except ValueError as e:
    print("ValueError", e)
c = Closable()
print(c.__dict__, c.close(), c.__dict__)
base = _io._IOBase()
print(base.closed, base.flush(), base.close(), base.closed)
try:
    base.flush()
except ValueError as e:
    print("ValueError", e)
print(_io._IOBase.__dict__["closed"].__class__.__name__, type(base).__name__)
class Fin(_io._IOBase):
    def close(self):
        print("close from finalizer, _finalizing =", getattr(self, "_finalizing", None))
        super().close()
f = Fin()
f = None
print("done")

# _io._TextIOBase subclasses and the generic text methods.
import _io
class Lines(_io._TextIOBase):
    def __init__(self, lines):
        self.lines = list(lines)
    def readline(self, size=-1):
        return self.lines.pop(0) if self.lines else ""
    def readable(self):
        return True
t = Lines(["a\n", "b\n", "c"])
print(t.encoding, t.errors, t.newlines, list(t))
t = Lines(["a\n", "bb\n", "ccc\n"])
print(t.readlines(2))
for m in ["read", "write", "detach", "fileno", "seek", "truncate"]:
    try:
        getattr(t, m)(*(("x",) if m == "write" else ()))
    except Exception as e:
        print(m, type(e).__name__, e)
class W(_io._TextIOBase):
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
w = W()
print("to a text subclass", 1, 2, file=w, sep="|")
w.writelines(["x", "y"])
print(w.parts, w.closed)
w.close()
try:
    w.writelines(["z"])
except ValueError as e:
    print("ValueError", e)
class T(_io.TextIOWrapper):
    def readline(self, size=-1):
        line = super().readline(size)
        return line.upper()
t = T(_io.BytesIO(b"abc\ndef\n"), encoding="ascii")
print(list(t), repr(t))
class BadLine(_io.TextIOWrapper):
    def readline(self, size=-1):
        return b"bytes"
try:
    next(BadLine(_io.BytesIO(b"x\n")))
except OSError as e:
    print("OSError", e)

# TextIOWrapper keeps small writes pending until they make a chunk
# (_CHUNK_SIZE), and hands what is pending to the buffer before a write that
# would take it past a chunk, so the buffer never gets more than a chunk
# plus one text in a single write (CPython's bpo-43260).
import _io


class Recorder(_io.BytesIO):
    def __init__(self, limit=None):
        super().__init__()
        self.writes = []
        self.limit = limit

    def write(self, b):
        b = bytes(b)
        if self.limit is not None and len(b) > self.limit:
            raise RuntimeError("write of %d bytes" % len(b))
        self.writes.append(b if len(b) < 20 else (b[:3], len(b)))
        return super().write(b)


def show(label, raw):
    print(label, raw.writes)
    raw.writes.clear()


raw = Recorder()
t = _io.TextIOWrapper(raw, encoding="ascii")
print(t._CHUNK_SIZE)
t._CHUNK_SIZE = 16
t.write("abc")
t.write("def")
show("small writes stay pending:", raw)
t.write("0123456789")
show("a write that makes a chunk:", raw)
t.write("ghi")
t.write("x" * 16)
show("pending first, then the chunk:", raw)
t.write("jkl")
t.write("y" * 40)
show("a long text after pending bytes:", raw)
t.write("z" * 40)
show("a long text alone:", raw)
t.write("pending")
t.flush()
show("flush:", raw)

# Non-ASCII text goes through the encoder; its encoded size counts.
raw = Recorder()
t = _io.TextIOWrapper(raw, encoding="utf-8")
t._CHUNK_SIZE = 16
t.write("abcdef")
t.write("\u00e9" * 6)
show("utf-8, 6 + 12 bytes:", raw)
t.write("\u00e9" * 2)
t.write("\u20ac" * 4)
show("utf-8, 12 + 4 bytes make a chunk:", raw)
t.close()

# The test of CPython's suite: a buffer that refuses writes longer than a chunk.
raw = Recorder(limit=16)
t = _io.TextIOWrapper(raw, encoding="ascii")
t._CHUNK_SIZE = 16
t.write("abc")
t.write("def")
try:
    t.write("x" * 17)
except RuntimeError as e:
    print("RuntimeError:", e)
show("before the error:", raw)
t.write("ghi")
t.write("x" * 16)
show("after:", raw)

# A BOM of utf-16 goes with the first text, counted in its size.
raw = Recorder()
t = _io.TextIOWrapper(raw, encoding="utf-16")
t._CHUNK_SIZE = 16
t.write("ab")
t.write("cdefgh")
show("utf-16, 6 + 12 bytes:", raw)
t.write("ijklmnop")
show("utf-16, 12 + 16 bytes:", raw)
t.flush()
show("flush:", raw)

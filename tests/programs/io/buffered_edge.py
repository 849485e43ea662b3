# Buffered objects: extreme seeks, re-entrant calls, huge sizes, uninitialized objects.
import _io
b = _io.BufferedReader(_io.BytesIO(b"abcdef"))
b.read(2)
for t, w in [(-2**63, 1), (2**63 - 1, 1), (-2**63, 0), (2**63 - 1, 0), (2**63 - 1, 2), (2**63, 0), (0, -1), (0, 3)]:
    try:
        print(t, w, b.seek(t, w))
    except Exception as e:
        print(t, w, type(e).__name__, e)
class Reentrant(_io._RawIOBase):
    def readable(self):
        return True
    def writable(self):
        return True
    def readinto(self, buf):
        try:
            self.outer.read(1)
        except RuntimeError as e:
            print("inner", type(e).__name__, str(e).replace(repr(self.outer), "OUTER"))
        buf[:1] = b"z"
        return 1
    def write(self, data):
        try:
            self.outer.write(b"again")
        except RuntimeError as e:
            print("inner write", type(e).__name__, str(e).replace(repr(self.outer), "OUTER"))
        return len(data)
raw = Reentrant()
r = _io.BufferedReader(raw, 4)
raw.outer = r
print(r.read(2))
raw = Reentrant()
w = _io.BufferedWriter(raw, 2)
raw.outer = w
print(w.write(b"12345"))
w.flush()
for huge in (2**62, 2**63 - 1):
    try:
        _io.BufferedReader(_io.BytesIO(), huge)
    except Exception as e:
        print(type(e).__name__)
try:
    _io.BufferedReader(_io.BytesIO(), 2**64)
except Exception as e:
    print(type(e).__name__, e)
try:
    _io.BufferedReader(_io.BytesIO(b"x"), -1)
except ValueError as e:
    print("ValueError", e)
u = _io.BufferedWriter.__new__(_io.BufferedWriter)
for m in ["write", "flush", "tell", "seek", "close", "detach", "fileno"]:
    try:
        getattr(u, m)(*((b"x",) if m == "write" else (0,) if m == "seek" else ()))
    except Exception as e:
        print(m, type(e).__name__, e)
for a in ["closed", "name", "mode", "raw"]:
    try:
        print(a, getattr(u, a))
    except Exception as e:
        print(a, type(e).__name__, e)
print(repr(u))
t = _io.TextIOWrapper.__new__(_io.TextIOWrapper)
for m in ["read", "write", "tell", "close", "detach"]:
    try:
        getattr(t, m)(*(("x",) if m == "write" else ()))
    except Exception as e:
        print(m, type(e).__name__, e)
try:
    repr(t)
except Exception as e:
    print("repr", type(e).__name__, e)
print(t.encoding, t.buffer)
f = _io.FileIO.__new__(_io.FileIO)
print(repr(f), f.closed)
try:
    f.read()
except ValueError as e:
    print("ValueError", e)

# BytesIO edge cases: seek past end, truncate, readlines hints, closed errors.
import _io
b = _io.BytesIO(b"abc")
print(b.seek(10), b.read(), b.readline(), b.write(b"x"), b.getvalue(), b.tell())
print(b.seek(-100, 1), b.tell(), b.seek(-2, 2), b.read(), b.seek(5), b.truncate(), b.getvalue(), b.truncate(100), b.getvalue())
print(b.seek(0), b.truncate(0), b.getvalue(), b.tell(), b.write(b"new"), b.getvalue())
b = _io.BytesIO(b"a\nbb\nccc\ndddd\n")
print(b.readlines(1), b.seek(0), b.readlines(2), b.seek(0), b.readlines(3), b.seek(0), b.readlines(0), b.seek(0), b.readlines(None))
b.seek(0)
print(b.readline(0), b.readline(1), b.readline(-1), b.readline(None), b.readline(100))
for call in [lambda: b.seek(-1), lambda: b.seek(0, 3), lambda: b.seek(2 ** 70), lambda: b.seek("x"), lambda: b.truncate(-1),
             lambda: b.read("x"), lambda: b.write("str"), lambda: b.write(5), lambda: b.readlines("x"), lambda: b.readinto(b"ro"),
             lambda: b.read(2 ** 80), lambda: b.seek(1.0), lambda: b.truncate(1.0), lambda: _io.BytesIO("s"), lambda: b.read(size=1)]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
b.close()
print(b.close(), b.closed)
for m in ["read", "read1", "write", "readline", "readlines", "seek", "tell", "truncate", "getvalue", "readable", "writable",
          "seekable", "__next__", "__iter__", "isatty", "flush", "writelines", "readinto", "__getstate__"]:
    args = {"write": (b"x",), "seek": (0,), "writelines": ([],), "readinto": (bytearray(1),)}.get(m, ())
    try:
        getattr(b, m)(*args)
        print(m, "ok")
    except Exception as e:
        print(m, type(e).__name__, e)

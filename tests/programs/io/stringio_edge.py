# StringIO edge cases: seeking past the end, truncate, closed, bad arguments.
import _io
s = _io.StringIO("abc")
print(s.seek(10), s.read(), s.readline(), s.write("x"), ascii(s.getvalue()), s.tell())
print(s.seek(5), s.truncate(), ascii(s.getvalue()), s.truncate(100), s.tell())
print(s.seek(0), s.truncate(0), repr(s.getvalue()), s.write("new"), s.getvalue())
for call in [lambda: s.seek(-1), lambda: s.seek(1, 1), lambda: s.seek(1, 2), lambda: s.seek(0, 3), lambda: s.seek(2 ** 70),
             lambda: s.seek("x"), lambda: s.truncate(-1), lambda: s.truncate("x"), lambda: s.read("x"), lambda: s.write(5),
             lambda: s.write(b"x"), lambda: s.readline(1.5), lambda: s.read(2 ** 80), lambda: s.write("a", "b"), lambda: s.read(size=1)]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
s.close()
print(s.close(), s.closed)
for m in ["read", "write", "readline", "seek", "tell", "truncate", "getvalue", "readable", "writable", "seekable", "__next__", "__iter__", "isatty", "flush"]:
    args = {"write": ("x",), "seek": (0,)}.get(m, ())
    try:
        getattr(s, m)(*args)
        print(m, "ok")
    except Exception as e:
        print(m, type(e).__name__, e)
for a in ["newlines", "line_buffering", "closed"]:
    try:
        print(a, getattr(s, a))
    except Exception as e:
        print(a, type(e).__name__, e)
s = _io.StringIO("l1\nl2\nl3")
it = iter(s)
print(next(it), s.tell(), list(it), s.tell())
s.seek(0)
print(s.readlines(0), s.seek(0), s.readlines(3), s.seek(0), s.readlines(-5))

# StringIO pickling state: __getstate__ and __setstate__.
import _io
s = _io.StringIO("abc\r\ndef", newline=None)
s.read(2)
s.extra = [1, 2]
st = s.__getstate__()
print(st)
t = _io.StringIO.__new__(_io.StringIO)
t.__setstate__(st)
print(t.getvalue(), t.tell(), t.extra, t.newlines, t.read())
t.__setstate__(("x\ny", "\r\n", 1, None))
print(repr(t.getvalue()), t.tell(), t.extra)
t.__setstate__(("new", "\n", 10, {"extra": 3, "more": 4}))
print(t.getvalue(), t.tell(), t.extra, t.more, repr(t.read()))
for bad in [(1, 2), ("a", None, 0), ("a", None, 1.5, None), ("a", None, -1, None), ("a", None, 0, [1]), ("a", 5, 0, None), (5, None, 0, None), [("a", None, 0, None)]]:
    try:
        t.__setstate__(bad)
        print("ok", bad)
    except Exception as e:
        print(type(e).__name__, e)
t.close()
for m in ("__getstate__",):
    try:
        getattr(t, m)()
    except ValueError as e:
        print("ValueError", e)
try:
    t.__setstate__(("a", None, 0, None))
except ValueError as e:
    print("ValueError", e)
u = _io.StringIO.__new__(_io.StringIO)
for m in ["read", "getvalue", "tell", "__getstate__"]:
    try:
        getattr(u, m)()
    except Exception as e:
        print(m, type(e).__name__, e)
try:
    u.closed
except Exception as e:
    print("closed", type(e).__name__, e)

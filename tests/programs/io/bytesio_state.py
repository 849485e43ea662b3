# BytesIO pickling state.
import _io
b = _io.BytesIO(b"payload")
b.read(3)
print(b.__getstate__())
b.x = 1
print(b.__getstate__())
c = _io.BytesIO.__new__(_io.BytesIO)
c.__setstate__(b.__getstate__())
print(c.getvalue(), c.tell(), c.x, c.read())
c.__setstate__((bytearray(b"ba"), 5, {"y": 2}))
print(c.getvalue(), c.tell(), c.y, c.x, repr(c.read()))
for bad in [(1, 2), (b"a", 0), (b"a", "x", None), (b"a", -1, None), (b"a", 0, 5), ("str", 0, None), [b"a", 0, None], (b"a", 1.0, None), (b"abc", 2 ** 70, None)]:
    try:
        c.__setstate__(bad)
        print("ok", c.getvalue(), c.tell())
    except Exception as e:
        print(type(e).__name__, e)
c.close()
try:
    c.__getstate__()
except ValueError as e:
    print("ValueError", e)

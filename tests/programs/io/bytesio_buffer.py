# BytesIO.getbuffer: a writable view that blocks resizing while alive.
import _io
b = _io.BytesIO(b"hello world")
v = b.getbuffer()
print(type(v).__name__, len(v), bytes(v), v.readonly, v.format, v.nbytes)
v[0] = ord("H")
v[6:11] = b"WORLD"
print(b.getvalue(), b.read(5))
for name, call in [("write", lambda: b.write(b"x")), ("truncate", lambda: b.truncate(3)), ("close", lambda: b.close()),
                   ("setstate", lambda: b.__setstate__((b"", 0, None))), ("init", lambda: b.__init__(b"z")),
                   ("writelines", lambda: b.writelines([b"a"]))]:
    try:
        call()
        print(name, "ok")
    except BufferError as e:
        print(name, "BufferError", e)
print(b.seek(0), b.read(), b.getvalue(), b.tell(), b.readline())
w = b.getbuffer()
del v
try:
    b.write(b"!")
except BufferError as e:
    print("still exported", e)
w.release()
print(b.write(b"!"), b.getvalue())
v = b.getbuffer()
v.release()
b.truncate(5)
print(b.getvalue())
m = b.getbuffer()[1:3]
try:
    b.write(b"x")
except BufferError as e:
    print("slice keeps export", e)
del m
b.write(b"x")
print(b.getvalue())
b.close()
try:
    b.getbuffer()
except ValueError as e:
    print("ValueError", e)

# BytesIO: every method.
import _io
b = _io.BytesIO(b"hello\nworld\n")
print(b.getvalue(), b.tell(), b.read(3), b.tell(), b.readline(), b.readline(2), b.readline(), b.readline())
print(b.seek(0), b.readlines(), b.seek(0), b.readlines(7), b.seek(0), list(b))
print(b.seek(0, 2), b.write(b"!"), b.getvalue(), b.tell(), b.seek(0, 1), b.seek(-3, 1))
print(b.seek(2), b.write(b"LLO"), b.getvalue(), b.truncate(), b.getvalue(), b.truncate(2), b.tell(), b.getvalue())
print(b.read(), b.readable(), b.writable(), b.seekable(), b.isatty(), b.closed, b.flush())
print(b.writelines([b"a", bytearray(b"b"), memoryview(b"c")]), b.getvalue())
print(b.seek(0), b.read1(), b.seek(0), b.read1(2), b.read1(-1), b.read(None))
ba = bytearray(4)
b.seek(1)
print(b.readinto(ba), ba, b.readinto(memoryview(ba)[1:]), ba, b.readinto(bytearray(0)))
b = _io.BytesIO()
print(b.getvalue(), b.read(), b.write(b""), b.tell(), b.write(bytearray(b"xyz")), b.getvalue())
b = _io.BytesIO(bytearray(b"from bytearray"))
print(b.getvalue(), b.tell())
b = _io.BytesIO(memoryview(b"from view"))
print(b.getvalue(), b.tell())
b = _io.BytesIO(initial_bytes=b"kw")
print(b.read())
b = _io.BytesIO(None)
print(b.getvalue())
with _io.BytesIO(b"ctx") as b:
    print(b.read())
print(b.closed)
class Sub(_io.BytesIO):
    pass
s = Sub(b"q")
s.attr = 1
print(s.read(), s.attr, s.__getstate__(), type(s).__mro__)
b = _io.BytesIO(b"a\nb\nc")
it = iter(b)
print(it is b, next(b), list(b))

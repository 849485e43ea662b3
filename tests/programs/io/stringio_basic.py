# StringIO: every method.
import _io
s = _io.StringIO("hello\nworld\n")
print(s.getvalue(), s.tell(), s.read(3), s.tell(), s.readline(), s.readline(2), s.readline(), s.readline())
print(s.seek(0), s.readlines(), s.seek(0), s.readlines(7), s.seek(0), list(s))
print(s.seek(0, 2), s.write("!"), s.getvalue(), s.tell(), s.seek(0, 1))
print(s.seek(2), s.write("LLO"), s.getvalue(), s.truncate(), s.getvalue(), s.truncate(2), s.tell(), s.getvalue())
print(s.read(), s.readable(), s.writable(), s.seekable(), s.isatty(), s.closed, s.line_buffering, s.newlines)
print(s.encoding, s.errors, s.writelines(["a", "b"]), s.getvalue(), s.flush())
print(s.read(None), s.read(-1), s.seek(0), s.read(None), s.seek(1), s.read(100))
s = _io.StringIO()
print(repr(s.getvalue()), repr(s.read()), s.write("ünïcödé ☃ 😀"), s.tell(), s.getvalue(), len(s.getvalue()))
s.seek(3)
print(s.read(4), s.write("\udcff"), ascii(s.getvalue()))
s = _io.StringIO(None)
print(repr(s.getvalue()))
s = _io.StringIO(initial_value="abc", newline="")
print(s.getvalue(), s.tell(), s.read())
with _io.StringIO("ctx") as s:
    print(s.read())
print(s.closed)
s = _io.StringIO("x")
try:
    s.detach()
except Exception as e:
    print(type(e).__name__, e)
try:
    s.fileno()
except Exception as e:
    print(type(e).__name__, e)
class Sub(_io.StringIO):
    def readline(self, size=-1):
        return "sub:" + super().readline(size) if self.tell() < 3 else ""
print(list(Sub("a\nb\nc\n")))
class Sub2(_io.StringIO):
    pass
s = Sub2("q")
s.attr = 5
print(s.read(), s.attr, s.__dict__, type(s).__mro__)

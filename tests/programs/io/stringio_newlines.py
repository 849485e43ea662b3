# StringIO newline modes.
import _io
text = "a\nb\r\nc\rd\n"
for nl in ("\n", None, "", "\r", "\r\n"):
    s = _io.StringIO(text, newline=nl)
    print(repr(nl), repr(s.getvalue()), s.newlines, s.readlines())
    s = _io.StringIO(newline=nl)
    s.write(text)
    s.write("e\r")
    s.write("\nf")
    s.seek(0)
    print(repr(nl), repr(s.read()), s.newlines)
    s.seek(0)
    print(repr(nl), [s.readline() for _ in range(6)])
    s.seek(0)
    print(repr(nl), [s.readline(1) for _ in range(3)], s.__getstate__()[1])
for bad in ("x", "\n\n", 5):
    try:
        _io.StringIO("", bad)
    except Exception as e:
        print(type(e).__name__, e)

# Writing with each newline mode, read back as bytes.
import _io
P = "/tmp/taipan_io_textio_newlines_write"
for nl in (None, "", "\n", "\r", "\r\n"):
    with open(P, "w", newline=nl) as f:
        f.write("a\nb\r\nc\rd\n")
        print(repr(nl), f.tell())
    with open(P, "rb") as f:
        print(repr(nl), f.read())
    t = _io.TextIOWrapper(_io.BytesIO(), newline=nl, line_buffering=True)
    t.write("x\ny")
    print(repr(nl), t.buffer.getvalue())
t = _io.TextIOWrapper(_io.BytesIO(), newline="\r\n")
t.write("1\n2\n")
t.seek(0)
print(repr(t.read()), t.newlines)

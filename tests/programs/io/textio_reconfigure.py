# TextIOWrapper.reconfigure on files and on sys.stdout.
import sys
import _io
t = _io.TextIOWrapper(_io.BytesIO(), encoding="utf-8")
print(t.encoding, t.errors, t.line_buffering, t.write_through)
t.reconfigure(line_buffering=True)
print(t.line_buffering)
t.write("a\n")
print(t.buffer.getvalue())
t.reconfigure(encoding="latin-1")
print(t.encoding, t.errors)
t.write("é")
t.flush()
print(t.buffer.getvalue())
t.reconfigure(errors="replace")
print(t.encoding, t.errors)
t.write("☃")
t.flush()
print(t.buffer.getvalue())
t.reconfigure(encoding="ascii", errors="backslashreplace", write_through=True)
t.write("€")
print(t.buffer.getvalue(), t.write_through)
t.reconfigure(newline="\r\n")
t.write("x\ny")
print(t.buffer.getvalue())
t.reconfigure(encoding="utf-8")
print(t.errors)
for bad in [dict(encoding=1), dict(errors=2), dict(newline="x"), dict(newline=3), dict(bogus=1)]:
    try:
        t.reconfigure(**bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    t.reconfigure("utf-8")
except TypeError as e:
    print("TypeError", e)
r = _io.TextIOWrapper(_io.BytesIO(b"line1\nline2\n"))
print(r.readline())
try:
    r.reconfigure(encoding="latin-1")
except Exception as e:
    print(type(e).__name__, e)
r.reconfigure(line_buffering=False)
print(r.readline())
print(sys.stdout.encoding, sys.stdout.errors)
sys.stdout.reconfigure(errors="replace")
print(sys.stdout.errors, "snow \udcff man")
sys.stdout.reconfigure(encoding="latin-1", errors="backslashreplace")
print(sys.stdout.encoding, "é ☃")
sys.stdout.reconfigure(encoding="utf-8", errors="strict")
print("back to", sys.stdout.encoding)

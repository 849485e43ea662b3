# tell() cookies and seek() round trips with multi-byte UTF-8 text.
import _io
P = "/tmp/taipan_io_textio_tell_seek"
text = "héllo wörld ☃ €uro\n" * 3 + "line two\r\nthree\rfour\n" + "😀 emoji\n" * 2
with open(P, "w", encoding="utf-8", newline="") as f:
    f.write(text)
with open(P, encoding="utf-8") as f:
    positions = []
    while True:
        pos = f.tell()
        c = f.read(1)
        if not c:
            break
        positions.append((pos, c))
    print(positions)
    print(f.tell())
    for pos, c in positions[::3]:
        f.seek(pos)
        print(pos, repr(f.read(4)), f.tell())
with open(P, encoding="utf-8") as f:
    marks = []
    while True:
        pos = f.tell()
        line = f.readline()
        if not line:
            break
        marks.append(pos)
    print(marks)
    for m in reversed(marks):
        f.seek(m)
        print(m, repr(f.readline()))
for chunk in (1, 2, 3, 7, 64):
    t = _io.TextIOWrapper(_io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    t._CHUNK_SIZE = chunk
    got = []
    for n in (1, 2, 5, 3, 11, 1):
        s = t.read(n)
        got.append((s, t.tell()))
    print(chunk, got)
    cookie = t.tell()
    rest = t.read()
    t.seek(cookie)
    print(chunk, t.read() == rest, t.tell())
with open(P, encoding="utf-8") as f:
    f.seek(0, 2)
    end = f.tell()
    print(end, repr(f.read()))
    print(f.seek(0), f.seek(0, 1), f.read(3), f.seek(0, 1) == f.tell())
    try:
        f.seek(1, 1)
    except Exception as e:
        print(type(e).__name__, e)
    try:
        f.seek(-1, 2)
    except Exception as e:
        print(type(e).__name__, e)
    try:
        f.seek(-1)
    except Exception as e:
        print(type(e).__name__, e)
    try:
        f.seek(0, 3)
    except Exception as e:
        print(type(e).__name__, e)
    try:
        f.seek(2 ** 200)
    except Exception as e:
        print(type(e).__name__, e)
with open(P, encoding="utf-8") as f:
    next(f)
    try:
        f.tell()
    except OSError as e:
        print("OSError", e)
    for line in f:
        pass
    print(f.tell())
with open(P, "r+", encoding="utf-8") as f:
    f.read(5)
    pos = f.tell()
    f.seek(pos)
    f.write("XY")
    f.seek(0)
    print(repr(f.readline()))

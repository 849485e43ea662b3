# Reprs of the _io objects.
import sys
import _io
P = "/tmp/taipan_io_reprs"
def r(o):
    return repr(o).replace(P, "P")
f = open(P, "w")
print(r(f), r(f.buffer), r(f.buffer.raw))
f.close()
print(r(f), r(f.buffer), r(f.buffer.raw))
for mode in ("rb", "r+b", "ab", "xb" if False else "wb", "a+b"):
    b = open(P, mode)
    print(mode, r(b), r(b.raw))
    b.close()
for mode in ("r", "r+", "a+", "w+"):
    t = open(P, mode, encoding="latin-1")
    print(mode, r(t))
    t.close()
print(r(open(P, "rb", buffering=0)))
fd = _io.FileIO(P)
print(r(_io.FileIO(fd.fileno(), closefd=False)))
t = _io.TextIOWrapper(_io.BytesIO())
print(r(t))
t.mode = "custom"
print(r(t))
try:
    t.name = "named"
except AttributeError as e:
    print("AttributeError", e)
class MyReader(_io.BufferedReader):
    pass
class MyText(_io.TextIOWrapper):
    pass
class MyFile(_io.FileIO):
    pass
m = MyReader(_io.FileIO(P))
print(r(m), r(MyText(m)), r(MyFile(P)))
print(r(_io.BufferedReader(_io.BytesIO(b"x"))))
b = _io.BufferedWriter(_io.BytesIO())
print(r(b))
print(repr(sys.stdout), repr(sys.stderr), repr(sys.stdin))
print(repr(sys.stdout.buffer), repr(sys.stdout.buffer.raw))
print(repr(_io.StringIO()).split(" object at")[0], repr(_io.BytesIO()).split(" object at")[0])
print(_io.FileIO, _io.TextIOWrapper, _io.StringIO.__module__, _io.open.__module__, _io.open.__name__)

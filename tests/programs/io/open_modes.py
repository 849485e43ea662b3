# open(): mode strings, buffering, and what each combination returns.
import _io
P = "/tmp/taipan_io_open_modes"
open(P, "w").close()
for mode in ["r", "rt", "w", "wt", "a", "at", "r+", "w+", "a+", "rb", "wb", "ab", "r+b", "rb+", "w+b", "a+b", "tr", "br", "+r"]:
    f = open(P, mode)
    raw = f.buffer.raw if hasattr(f, "buffer") else f.raw
    print(mode, type(f).__name__, f.mode, raw.mode, f.readable(), f.writable())
    f.close()
for mode in ["rw", "rr", "", "q", "rtb", "x+b" if False else "ra", "U", "rU", "w++", "b", "t", "+"]:
    try:
        open(P, mode)
        print(mode, "opened")
    except ValueError as e:
        print(repr(mode), "ValueError", e)
for buffering in [0, 1, 2, 4096, -1, -5]:
    for mode in ("rb", "r"):
        try:
            f = open(P, mode, buffering=buffering)
            print(buffering, mode, type(f).__name__, getattr(f, "line_buffering", None))
            f.close()
        except ValueError as e:
            print(buffering, mode, "ValueError", e)
X = P + "_x"
with open(X, "x") as f:
    f.write("created")
for mode in ("x", "xb", "x+"):
    try:
        open(X, mode)
    except FileExistsError as e:
        print(mode, "FileExistsError", e.errno)
with open(X, "w") as f:
    print(f.write("truncated"))
with open(X) as f:
    print(f.read())
for bad in [dict(mode=5), dict(buffering="x"), dict(buffering=1.5), dict(encoding=1), dict(errors=2), dict(newline=3), dict(closefd="x"), dict(file=1.5), dict(file=[]), dict(file=None), dict(bogus=1)]:
    kw = dict(file=P)
    kw.update(bad)
    try:
        open(**kw)
    except Exception as e:
        print(sorted(bad), type(e).__name__, e)
for kw in [dict(mode="rb", encoding="utf-8"), dict(mode="rb", errors="strict"), dict(mode="rb", newline="")]:
    try:
        open(P, **kw)
    except ValueError as e:
        print(sorted(kw), "ValueError", e)
class PathLike:
    def __fspath__(self):
        return P
print(open(PathLike()).name == P, open(P.encode()).name == P.encode())
class BadPath:
    def __fspath__(self):
        return 5
try:
    open(BadPath())
except TypeError as e:
    print("TypeError", e)
print(_io.open_code(P).mode, type(_io.open_code(P)).__name__)
try:
    _io.open_code(P.encode())
except TypeError as e:
    print("TypeError", e)

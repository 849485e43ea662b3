# Operations on closed streams of every kind.
import _io
P = "/tmp/taipan_io_closed_errors"
open(P, "w").close()
streams = {
    "FileIO": _io.FileIO(P, "r+"),
    "BufferedReader": open(P, "rb"),
    "BufferedWriter": open(P, "ab"),
    "BufferedRandom": open(P, "r+b"),
    "TextIOWrapper": open(P, "r+"),
    "StringIO": _io.StringIO(),
    "BytesIO": _io.BytesIO(),
}
ops = ["read", "write", "readline", "readlines", "writelines", "seek", "tell", "truncate", "flush", "fileno", "isatty",
       "readable", "writable", "seekable", "__enter__", "__iter__", "__next__", "peek", "read1", "readinto"]
for name, s in streams.items():
    s.close()
    print(name, s.closed, s.close())
    for op in ops:
        if not hasattr(s, op):
            continue
        arg = {"write": ("x",) if name in ("TextIOWrapper", "StringIO") else (b"x",), "seek": (0,),
               "writelines": ([],), "readinto": (bytearray(1),)}.get(op, ())
        try:
            r = getattr(s, op)(*arg)
            print(" ", op, "->", "self" if r is s else repr(r))
        except Exception as e:
            print(" ", op, type(e).__name__, e)

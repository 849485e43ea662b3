# writelines() with iterables, iteration over lines, with statements.
import _io
P = "/tmp/taipan_io_writelines_iter"
def gen():
    for i in range(3):
        yield "gen %d\n" % i
with open(P, "w") as f:
    f.writelines(gen())
    f.writelines(("tuple\n", "items\n"))
    f.writelines([])
    f.writelines(iter(["iter\n"]))
    try:
        f.writelines([1])
    except TypeError as e:
        print("TypeError", e)
    try:
        f.writelines(5)
    except TypeError as e:
        print("TypeError", e)
with open(P) as f:
    for n, line in enumerate(f, 1):
        print(n, repr(line))
    print(list(f), next(f, "exhausted"))
with open(P, "rb") as f:
    it = iter(f)
    print(it is f, next(it), [l[:3] for l in it])
with open(P, "ab") as f:
    f.writelines([b"bytes\n", bytearray(b"ba\n"), memoryview(b"mv\n")])
    try:
        f.writelines(["str"])
    except TypeError as e:
        print("TypeError", e)
with open(P, "rb") as f:
    print(f.readlines()[-3:])
b = _io.BytesIO()
b.writelines(x.encode() for x in "abc")
print(b.getvalue())
s = _io.StringIO()
s.writelines(map(str, range(5)))
print(s.getvalue())
try:
    with open(P) as f:
        raise KeyError("inside with")
except KeyError as e:
    print("KeyError", e, f.closed)
with open(P) as a, open(P, "rb") as b:
    print(a.readline(), b.readline())
print(a.closed, b.closed)

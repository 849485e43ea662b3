# The buffer protocol of array.array: memoryview, bytes(), struct, readinto,
# and BufferError while a view is exported.
import array
import io
import struct
import sys

for tc in array.typecodes:
    a = array.array(tc, "ab" if tc == "u" else [1, 2, 3])
    m = memoryview(a)
    print(tc, m.format, m.itemsize, m.nbytes, m.shape, m.strides, m.readonly, m.ndim, m.c_contiguous)
    if tc != "u":
        print("  tolist", m.tolist(), "item", m[1], "slice", m[1:].tolist())
    else:
        try:
            m.tolist()
        except NotImplementedError as e:
            print("  ", type(e).__name__, e)
    print("  bytes equal", bytes(a) == a.tobytes() == m.tobytes(), len(bytes(a)))
    m.release()

a = array.array("i", [1, 2, 3, 4])
m = memoryview(a)
m[0] = 100
print(a)
m[1:3] = memoryview(array.array("i", [7, 8]))
print(a, m.tolist())
for name, args in [("append", (5,)), ("extend", ([5],)), ("pop", ()), ("remove", (100,)), ("insert", (0, 1)),
                   ("frombytes", (b"\0" * 4,)), ("fromlist", ([1],))]:
    try:
        getattr(a, name)(*args)
    except BufferError as e:
        print(name, type(e).__name__, e)
for op in ["a *= 2", "a *= 0", "a += array.array('i', [1])", "del a[0]", "del a[0:1]", "a[0:0] = array.array('i', [9])"]:
    try:
        exec(op)
    except BufferError as e:
        print(op, type(e).__name__, e)
# Same-size changes are allowed.
a[0:2] = array.array("i", [5, 6])
a.frombytes(b"")
a.reverse()
a.byteswap()
a.byteswap()
print(a)
m.release()
a.append(9)
print(a)

# Casts.
b = array.array("B", range(8))
with memoryview(b) as v:
    c = v.cast("I")
    print(c.format, c.tolist() == list(struct.unpack("2I", bytes(range(8)))))
    c.release()
with memoryview(array.array("h", [1, -2, 3])) as v:
    print(v.cast("B").tolist() == list(array.array("h", [1, -2, 3]).tobytes()))

# struct over arrays.
buf = array.array("b", [0] * 8)
struct.pack_into("<hh", buf, 2, 513, -1)
print(buf, struct.unpack_from("<hh", buf, 2))
print(struct.unpack("<4h", array.array("h", [1, 2, 3, 4]).tobytes() if sys.byteorder == "little" else b""))
print(struct.unpack_from("<i", array.array("B", [1, 0, 0, 0])))

# readinto.
r = array.array("B", [0] * 5)
print(io.BytesIO(b"hello world").readinto(r), r.tobytes())
ri = array.array("i", [0, 0])
print(io.BufferedReader(io.BytesIO(struct.pack("=ii", 3, 4))).readinto(ri), ri)

# frombytes / bytes-like uses.
x = array.array("h")
x.frombytes(array.array("B", [10, 0, 20, 0]))
x.frombytes(memoryview(b"\x01\x00"))
for src in [array.array("h", [1]), memoryview(array.array("i", [1]))]:
    try:
        x.frombytes(src)
    except TypeError as e:
        print(type(e).__name__, e)
print(x)
print(b"-".join([array.array("B", b"ab"), b"cd"]), bytearray(array.array("B", [65, 66])))
print(array.array("B", b"xyz").tobytes().decode(), io.BytesIO(array.array("B", b"qq")).read())
try:
    memoryview(array.array("d", [1.5]))[0] = "x"
except TypeError as e:
    print(type(e).__name__, e)

# Comparisons, hashing of released views, marshal, int() over buffers.
import marshal
ai = array.array("i", [1, 2])
print(memoryview(ai) == ai, memoryview(ai) == array.array("l", [1, 2]), memoryview(ai) == array.array("i", [1, 3]))
print(memoryview(array.array("B", b"ab")) == array.array("b", b"ab"), b"ab" == memoryview(array.array("B", b"ab")))
print(marshal.loads(marshal.dumps(ai)))
w = memoryview(array.array("i", range(4)))
w[:] = array.array("i", [9, 8, 7, 6])
print(w.tolist())
try:
    w[:] = array.array("h", [1, 2, 3, 4])
except ValueError as e:
    print(type(e).__name__, e)
hv = memoryview(b"abc")
h = hash(hv)
hv.release()
print(hash(hv) == h == hash(b"abc"))
print(int(array.array("B", b"42")), float(array.array("B", b"2.5")))
for base_arg in [memoryview(b"10"), array.array("B", b"10")]:
    try:
        int(base_arg, 2)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    int("43", 2**100)
except ValueError as e:
    print(type(e).__name__, e)

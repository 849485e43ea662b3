# memoryview: N-D casts and indexing, slices of slices, exports held by derived views.
def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "!", type(e).__name__, e)
    else:
        print(label, repr(r))
m2 = memoryview(bytearray(range(12))).cast("B", (3, 4))
t("2d idx", lambda: (m2[1, 2], m2[-1, -1], m2.tolist(), m2.tobytes(), m2.nbytes, m2.c_contiguous))
t("2d oob", lambda: m2[3, 0])
t("2d oob2", lambda: m2[0, 4])
t("2d set", lambda: (m2.__setitem__((0, 0), 99), m2[0, 0], m2.obj[:2]))
t("2d slice", lambda: (m2[0:1].tolist(), m2[::2].shape, m2[::-2].strides, m2[1:].tolist(), m2[::2].tobytes()))
t("2d slice tuple", lambda: m2[0:1, 0:1])
t("2d idx1", lambda: m2[0])
t("2d iter", lambda: list(m2))
t("2d eq", lambda: (m2 == m2, m2 == memoryview(bytearray(range(12))).cast("B", (3, 4)), m2 == bytes(12)))
t("2d cast back", lambda: m2.cast("B").tolist())
t("2d cast 2d", lambda: m2.cast("B", (4, 3)))
t("2d len", lambda: len(m2))
t("mixed tuple", lambda: m2[0, 0:1])
t("sl cast", lambda: memoryview(b"abcdefgh")[2:6].cast("H").tolist())
t("sl noncontig cast", lambda: memoryview(b"abcdefgh")[::2].cast("B"))
t("sl step set", lambda: (lambda b: (memoryview(b)[::2].__setitem__(slice(None), b"XYZ"), b))(bytearray(b"abcdef")))
t("mv mv set", lambda: (lambda b: (memoryview(b)[0:2].__setitem__(slice(None), memoryview(b"QR")), b))(bytearray(b"abcdef")))
t("mv set H from B", lambda: memoryview(bytearray(4)).cast("H").__setitem__(slice(0, 2), b"ab"))
t("shape errs", lambda: memoryview(b"ab").cast("B", 2))
t("shape errs2", lambda: memoryview(b"ab").cast("B", (0, 2)))
t("shape errs3", lambda: memoryview(b"ab").cast("B", (3,)))
t("shape errs4", lambda: memoryview(b"ab").cast("B", ("a",)))
t("fmt not str", lambda: memoryview(b"ab").cast(1))
t("q", lambda: memoryview(bytes(range(8))).cast("q").tolist())
t("Q neg", lambda: memoryview(bytearray(8)).cast("Q").__setitem__(0, -1))
t("q big", lambda: memoryview(bytearray(8)).cast("q").__setitem__(0, 2**63))
t("d", lambda: (lambda m: (m.__setitem__(0, 1.5), m.tolist(), m.obj))(memoryview(bytearray(8)).cast("d")))
t("e", lambda: memoryview(b"\x00\x3c\x00\xc0").cast("e").tolist())
t("hash H", lambda: hash(memoryview(b"abcd").cast("H")))
t("repr", lambda: repr(memoryview(b""))[:10])
t("eq float", lambda: memoryview(b"\x00\x00\x80\x3f").cast("f") == memoryview(b"\x00\x00\x00\x00\x00\x00\xf0\x3f").cast("d"))
t("count export", lambda: (lambda b: [memoryview(b) for _ in range(3)] and (b.append(1), b))(bytearray(b"x")))
b = bytearray(b"abc")
v1 = memoryview(b)
v2 = v1[1:]
v1.release()
t("v2 still exports", lambda: b.append(1))
v2.release()
t("all released", lambda: (b.append(1), b))
with memoryview(b) as v3:
    v4 = memoryview(v3)
t("v4 alive", lambda: (v4.tobytes(), b.append(2)))
del v4
t("v4 deleted", lambda: (b.append(2), b))
t("b==m", lambda: (b"ab" == m, m == b"ab", bytearray(b"ab") == m, m == bytearray(b"ab"), b"ab" != m))
t("ba<m", lambda: bytearray(b"a") < memoryview(b"b"))
t("b<m", lambda: b"a" < memoryview(b"b"))
t("b<ba", lambda: (b"a" < bytearray(b"b"), bytearray(b"a") < b"b", b"b" >= bytearray(b"b")))
t("m in list", lambda: m in [b"ab"])
t("ba + m", lambda: bytearray(b"x") + m)
t("ba += m", lambda: (lambda x: (x.__iadd__(m), x))(bytearray(b"x")))
t("b.join m", lambda: m.tobytes().join([b"1", b"2"]))
t("str(m)", lambda: str(m)[:8])
t("bytes % m", lambda: b"%b" % m)
t("int.from_bytes(m)", lambda: int.from_bytes(m, "big"))
t("m count", lambda: b"abab".count(memoryview(b"ab")))
import sys
print(sys.getsizeof("abc"), sys.getsizeof("é"), sys.getsizeof(b"abc"), sys.getsizeof(bytearray(b"abc")), sys.getsizeof(memoryview(b"ab")))
class B1(bytes): pass
class B2(bytes): __slots__ = ()
class BA1(bytearray): pass
class BA2(bytearray): __slots__ = ()
class BA3(bytearray): __slots__ = ("__weakref__",)
print(B1(b"ab").__sizeof__(), B2(b"ab").__sizeof__(), BA1(b"ab").__sizeof__(), BA2(b"ab").__sizeof__(), BA3(b"ab").__sizeof__())
m = memoryview(b"abc")
it = iter(m)
print(type(it).__name__, next(it), list(it), list(it))
m2 = memoryview(b"abcd")
it2 = iter(m2)
next(it2)
m2.release()
try:
    next(it2)
except Exception as e:
    print(type(e).__name__, e)

# exports and re-initialisation
b = bytearray()
m = memoryview(b)
for f in [lambda: b.__init__(b"xyz"), lambda: b.__init__(), lambda: b.extend(b""), lambda: b.__iadd__(b""), lambda: b.__imul__(0)]:
    try:
        f(); print("ok", b)
    except Exception as e:
        print(type(e).__name__, e)
b2 = bytearray(b"ab"); m2 = memoryview(b2)
for f in [lambda: b2.__init__(b"xy"), lambda: b2.__imul__(0), lambda: b2.__imul__(1), lambda: b2.reverse(), lambda: b2.__setitem__(slice(None), b"QQ")]:
    try:
        f(); print("ok", b2)
    except Exception as e:
        print(type(e).__name__, e)

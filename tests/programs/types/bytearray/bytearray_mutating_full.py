# bytearray's mutating methods, slice assignment, += and *=, with CPython's
# errors and its allocation bookkeeping (__alloc__, __sizeof__).

def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "!", type(e).__name__, e)
    else:
        print(label, repr(r))

def state(label, b):
    print(label, b, len(b), b.__alloc__(), b.__sizeof__())

b = bytearray()
state("empty", b)
for i in range(20):
    b.append(65 + i)
    print(len(b), b.__alloc__(), end="; ")
print()
state("after appends", b)
b.extend(b"xyz")
state("extend bytes", b)
b.extend([1, 2, 3])
state("extend list", b)
b.extend(range(3))
state("extend range", b)
b.extend(x for x in b"gen")
state("extend gen", b)
b.extend(b)
state("extend self", b)
b.insert(0, 33)
b.insert(-1, 34)
b.insert(1000, 35)
b.insert(-1000, 36)
state("insert", b)
print(b.pop(), b.pop(0), b.pop(3), b.pop(-2))
state("pop", b)
b.remove(ord("x"))
state("remove", b)
b.reverse()
state("reverse", b)
c = b.copy()
state("copy", c)
print(c is b, c == b)
del b[:10]
state("del head", b)
del b[5:]
state("del tail", b)
del b[::2]
state("del step", b)
b[0:0] = b"front"
state("insert slice", b)
b[1:3] = b""
state("shrink slice", b)
b[2:3] = bytearray(b"LONGER")
state("grow slice", b)
b[::3] = b"#" * len(b[::3])
state("ext slice", b)
b[0] = 0x40
b[-1] = 0x41
del b[0]
del b[-1]
state("items", b)
b += b"++"
state("+=", b)
b += bytearray(b"--")
b *= 3
state("*=", b)
b *= 1
state("*=1", b)
b.clear()
state("clear", b)
b *= 5
state("empty *=", b)
b = bytearray(b"abc")
b *= 0
state("*=0", b)

for src in [b"", b"a", b"abcdefgh", bytes(100)]:
    state("from " + repr(src[:8]), bytearray(src))
state("from int", bytearray(10))
state("from list", bytearray([1, 2, 3]))
state("from range", bytearray(range(20)))
state("from str", bytearray("héllo", "utf-8"))
x = bytearray(b"abc")
x.__init__(b"reinit")
state("reinit", x)
x.__init__()
state("reinit empty", x)
state("slice", bytearray(b"abcdef")[1:4])
state("concat", bytearray(b"ab") + b"cd")
state("repeat", bytearray(b"ab") * 3)
state("upper", bytearray(b"ab").upper())

# errors
X = bytearray(b"hello abc")
t("append()", lambda: X.append())
t("append(256)", lambda: X.append(256))
t("append(-1)", lambda: X.append(-1))
t("append('a')", lambda: X.append("a"))
t("append(b'a')", lambda: X.append(b"a"))
t("append kw", lambda: X.append(item=1))
t("extend(1)", lambda: X.extend(1))
t("extend([256])", lambda: X.extend([256]))
t("extend('ab')", lambda: X.extend("ab"))
t("extend([1.5])", lambda: X.extend([1.5]))
t("extend()", lambda: X.extend())
t("insert(0)", lambda: X.insert(0))
t("insert('a', 1)", lambda: X.insert("a", 1))
t("insert(0, 256)", lambda: X.insert(0, 256))
t("insert(2**70, 1)", lambda: X.insert(2**70, 1))
t("insert kw", lambda: X.insert(index=0, item=1))
t("pop('x')", lambda: X.pop("x"))
t("pop(100)", lambda: X.pop(100))
t("pop(1, 2)", lambda: X.pop(1, 2))
t("empty pop", lambda: bytearray().pop())
t("remove(122)", lambda: X.remove(122))
t("remove(256)", lambda: X.remove(256))
t("remove(b'a')", lambda: X.remove(b"a"))
t("reverse(1)", lambda: X.reverse(1))
t("clear(1)", lambda: X.clear(1))
t("copy(1)", lambda: X.copy(1))
t("__alloc__(1)", lambda: X.__alloc__(1))
t("X[0] = 256", lambda: X.__setitem__(0, 256))
t("X[0] = b'a'", lambda: X.__setitem__(0, b"a"))
t("X[100] = 1", lambda: X.__setitem__(100, 1))
t("X[2**70] = 1", lambda: X.__setitem__(2**70, 1))
t("del X[100]", lambda: X.__delitem__(100))
t("X['a'] = 1", lambda: X.__setitem__("a", 1))
t("X[0:1] = 5", lambda: X.__setitem__(slice(0, 1), 5))
t("X[0:1] = 'ab'", lambda: X.__setitem__(slice(0, 1), "ab"))
t("X[0:1] = [256]", lambda: X.__setitem__(slice(0, 1), [256]))
t("X[::2] = b'ab'", lambda: X.__setitem__(slice(None, None, 2), b"ab"))
t("X += 'a'", lambda: X.__iadd__("a"))
t("X += 1", lambda: X.__iadd__(1))
t("X *= 'a'", lambda: X.__imul__("a"))
t("hash", lambda: hash(X))
print(X)
Y = bytearray(b"abc")
Z = Y
Y += b"d"
Y *= 2
print(Z is Y, Z)

# extended-slice deletion by assignment, __init__ from a live iterator, errors from iter()
b = bytearray(b'abcdef'); b[::2] = b''; print(b)
b = bytearray(b'abcdef'); b[::-2] = bytearray(); print(b)
b = bytearray(b'abcdef'); b[1:1:2] = b''; print(b)
b = bytearray(b'abcdef'); b[::2] = []; print(b)
b = bytearray(b'abcdef'); m = memoryview(b)
try:
    b[::2] = b''
except BufferError as e:
    print("BufferError", e, b)
try:
    del b[::2]
except BufferError as e:
    print("BufferError", e, b)
m.release()
def gen():
    for i in range(1, 6):
        yield i
        print(len(c), list(c))
c = bytearray(b"xyz")
c.__init__(gen())
print(c)
try:
    c.__init__("text")
except TypeError as e:
    print(e, c)
class BadIter:
    def __iter__(self):
        1 / 0
for f in (bytes, bytearray):
    try:
        f(BadIter())
    except ZeroDivisionError as e:
        print(f.__name__, "ZeroDivisionError", e)
    try:
        f(1.5)
    except TypeError as e:
        print(e)
x = b"abc"
print(x * 1 is x, 1 * x is x, x * 2 is x)
try:
    c[0:1] = 1.5
except TypeError as e:
    print(e)

# pickling support
class BA(bytearray): pass
x = BA(b'ab'); x.q = 1
print(bytearray(b'ab').__reduce__(), bytearray().__reduce__(), bytearray(b'\xff').__reduce_ex__(2), bytearray(b'a').__reduce_ex__(3), x.__reduce_ex__(4), bytearray(b'a').__reduce_ex__())
try: bytearray().__reduce_ex__('x')
except Exception as e: print(type(e).__name__, e)
try: bytearray().__reduce__(1)
except Exception as e: print(type(e).__name__, e)

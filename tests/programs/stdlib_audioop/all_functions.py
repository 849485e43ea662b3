import hashlib
import random
import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    import audioop
print([str(w.message) for w in caught], [w.category.__name__ for w in caught])
print(audioop.error.__mro__, audioop.error.__module__)

rng = random.Random(1234)


def frag(n, width):
    data = bytearray()
    for _ in range(n):
        r = rng.random()
        if r < 0.1:
            v = (1 << (8 * width - 1)) - 1
        elif r < 0.2:
            v = -(1 << (8 * width - 1))
        else:
            v = rng.randrange(-(1 << (8 * width - 1)), 1 << (8 * width - 1))
        data += v.to_bytes(width, "little", signed=True)
    return bytes(data)


def digest(x):
    if isinstance(x, bytes):
        return hashlib.md5(x).hexdigest()[:12]
    if isinstance(x, tuple):
        return tuple(digest(i) for i in x)
    return x


def run(name, *args):
    try:
        return digest(getattr(audioop, name)(*args))
    except (audioop.error, TypeError, ValueError, OverflowError, MemoryError) as e:
        return type(e).__name__ + ": " + str(e)


for width in (1, 2, 3, 4):
    for n in (0, 1, 2, 7, 64):
        f = frag(n * 2, width)
        g = frag(n * 2, width)
        row = [run("getsample", f, width, 0) if f else None, run("max", f, width), run("minmax", f, width),
               run("avg", f, width), run("rms", f, width), run("avgpp", f, width), run("maxpp", f, width),
               run("cross", f, width), run("mul", f, width, 0.7), run("mul", f, width, -2.5),
               run("tomono", f, width, 0.5, 0.5), run("tomono", f, width, 1.5, -1.0),
               run("tostereo", f, width, 1.0, -0.5), run("add", f, g, width), run("bias", f, width, 1000),
               run("bias", f, width, -7), run("reverse", f, width), run("byteswap", f, width),
               [run("lin2lin", f, width, w) for w in (1, 2, 3, 4)],
               run("lin2ulaw", f, width), run("lin2alaw", f, width),
               run("ulaw2lin", f[:n], width), run("alaw2lin", f[:n], width),
               run("lin2adpcm", f, width, None), run("lin2adpcm", f, width, (100, 20)),
               run("adpcm2lin", f[:n], width, None), run("adpcm2lin", f[:n], width, (-5, 88)),
               run("ratecv", f, width, 1, 8000, 11025, None), run("ratecv", f, width, 2, 44100, 8000, None, 3, 2),
               run("ratecv", f, width, 1, 8000, 16000, (-1, ((100, 200),)))]
        print(width, n, row)

s = frag(200, 2)
r = s[100:160]
print(run("findfit", s, r), run("findfactor", s[:60], r), run("findmax", s, 10), run("findmax", s, 0))
print(run("findfit", s, s + b"\0\0"), run("findfit", b"a", r), run("findfactor", s, r), run("findmax", s, 1000))
for u in range(256):
    assert audioop.lin2ulaw(audioop.ulaw2lin(bytes([u]), 2), 2) in (bytes([u]), bytes([u ^ 0x80]), b"\xff")
print(audioop.ulaw2lin(bytes(range(256)), 2) == audioop.ulaw2lin(bytes(range(256)), 2),
      digest(audioop.ulaw2lin(bytes(range(256)), 2)), digest(audioop.alaw2lin(bytes(range(256)), 2)))
ints = b"".join(v.to_bytes(2, "little", signed=True) for v in range(-32768, 32768, 7))
print(digest(audioop.lin2ulaw(ints, 2)), digest(audioop.lin2alaw(ints, 2)), digest(audioop.lin2adpcm(ints, 2, None)))

print(run("max", b"abc", 2), run("max", b"ab", 5), run("max", b"ab", 0), run("getsample", b"ab", 2, 1),
      run("getsample", b"ab", 2, -1), run("getsample", b"ab", 5, "x"), run("mul", b"ab", 5, "x"))
print(run("lin2lin", b"abc", 2, 7), run("lin2lin", b"ab", 2, 7), run("add", b"ab", b"abcd", 2),
      run("add", b"ab", "x", 2), run("max", "ab", 2), run("tomono", b"abc", 1, 1, 1))
for st in [5, (1,), (1, 2, 3), ("x", ()), (1, 5), (1, ()), (1, ((1,),)), (1, (1,)), (1, (("a", 2),)),
           (1.5, ((1, 2),))]:
    print(st, run("ratecv", b"\x00\x01", 2, 1, 8000, 16000, st))
for st in [5, (1,), (1, 2, 3), ("x", 1), (1.5, 1), (40000, 1), (1, 89), (1, -1)]:
    print(st, run("lin2adpcm", b"\x00\x01", 2, st), run("adpcm2lin", b"\x00\x01", 2, st))
for args in [(0, 1, 1), (2, 0, 1), (2, 1, 0), (2, 1, 1, 0), (2, 1, 1, 1, -1), (2, 2**30, 1, 1)]:
    print(args, run("ratecv", b"\x00\x01\x02\x03", args[0], args[1], 8000, 8000 * args[2], None, *args[3:]))
try:
    audioop.max(b"ab", 2, x=1)
except TypeError as e:
    print("TypeError", e)
try:
    audioop.max(b"ab")
except TypeError as e:
    print("TypeError", e)

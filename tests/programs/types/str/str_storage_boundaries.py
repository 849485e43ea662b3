# Strings at the edges of where their characters are kept: inline (up to
# 22 ASCII bytes), a pool block (up to 512 bytes of units), or the system
# allocator (larger), in every width; each made by several constructors and
# compared, hashed, sliced, searched, sized and used as dict keys.
import sys

WIDE = {"ascii": "a", "latin1": "\xe9", "ucs2": "\u20ac", "ucs4": "\U0001f600", "surrogate": "\udc80"}
LENGTHS = [0, 1, 21, 22, 23, 24, 127, 128, 129, 255, 256, 257, 511, 512, 513, 1000, 5000]


def variants(ch, n):
    base = "x" * max(n - 1, 0) + (ch if n else "")
    made = [
        base,
        "".join(list(base)),
        base[:n // 2] + base[n // 2:],
        (base + "!")[:-1],
        "{}".format(base),
        "%s" % base,
        f"{base}",
        base.replace("\0", "\1"),
        str(base),
        base.upper().lower() if ch == "a" else base,
    ]
    if n:
        made.append(base[0] + base[1:])
        made.append("-".join(base.split("-")))
    return made


results = []
for kind, ch in WIDE.items():
    for n in LENGTHS:
        vs = variants(ch, n)
        first = vs[0]
        assert all(v == first for v in vs), (kind, n)
        assert len({hash(v) for v in vs}) == 1, (kind, n)
        d = {v: i for i, v in enumerate(vs)}
        sizes = sorted({sys.getsizeof(v) for v in vs})
        s = first
        info = (kind, n, len(s), len(d), sizes, s[-3:], s[:2],
                s.count("x"), s.find(ch) if n else -1, s.rfind("x"),
                (s * 2)[n - 1:n + 1], s.startswith("xx"), s.endswith(ch),
                s[::2][-2:], s[::-1][:2], len(s.encode("utf-8", "surrogatepass")))
        results.append(info)

for r in results:
    print(ascii(r))

# Texts built from ASCII pieces that turn out wider, and back.
for n in (5, 22, 23, 200, 600):
    t = "y" * n
    u = t + "\xff"
    w = t + "\u0100"
    for s in (u, w, u[:-1], w[:-1], u.upper(), w.lower(), u.replace("y", "z"), "".join([t, "\xe0"])):
        print(n, len(s), ascii(s[-2:]), s.isascii(), sys.getsizeof(s), hash(s) == hash(s[:] + ""))

# Strings kept in containers outlive their makers and are freed in bulk.
big = [("k%d" % i) * (i % 60) for i in range(3000)]
keep = {s: len(s) for s in big}
print(len(keep), sum(keep.values()), max(keep, key=len)[-6:])
del big
parts = (" ".join("w%d" % i for i in range(400))).split()
print(len(parts), parts[-1], len(" ".join(parts)), " ".join(parts[::50]))
print(("ab\u20ac" * 200).split("\u20ac")[-2:], len(("\U0001f600" * 150).encode("utf-16-le")))

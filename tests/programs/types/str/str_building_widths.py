# Repeat, concatenation and join across the string widths (ASCII, Latin-1,
# UCS-2, UCS-4), and bytes/bytearray repeat and concatenation.
samples = ["", "a", "ab", "é", "aé", "€", "a€", "é€", "😀", "a😀é€", "\x00", "\xff"]

for s in samples:
    for n in (-1, 0, 1, 2, 3, 7):
        r = s * n
        assert len(r) == len(s) * max(n, 0)
        print(repr(s), n, repr(r[:12]), len(r), r == "".join([s] * max(n, 0)))

for a in samples:
    row = []
    for b in samples:
        c = a + b
        row.append((len(c), c == "".join([a, b]), c[len(a):] == b))
    print(repr(a), row)

print(",".join(samples), len(",".join(samples)))
print("€".join(samples))
print("".join(samples))
print("😀".join(["a", "b"]), "é".join(("x", "y", "z")), "-".join(iter(["p", "q"])))
print("".join([]), "x".join(["only"]), "ab".join("cde"))
s = "only"
print("".join([s]) is s, "".join((s,)) is s)
for bad in ([1, "a"], ["a", None], ("a", b"b")):
    try:
        ",".join(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    ",".join(5)
except TypeError as e:
    print("TypeError:", e)


class S(str):
    pass


print(type("".join([S("x")])).__name__, type(S("ab") * 1).__name__, type(S("ab") + "").__name__)
x = "abc"
print(x * 1 is x, x + "" is x, "" + x is x)
big = "ab" * 100000
print(len(big), big[-3:], big.count("ab"))
print(len("é" * 100001), ("€" * 3 + "😀") * 2)

# bytes and bytearray
for b in (b"", b"a", b"xyz", b"\x00\xff"):
    for n in (-2, 0, 1, 4):
        print(b, n, b * n, bytearray(b) * n, n * b)
x = b"ab"
print((b"" + x) is x, (x + b"") is x, (x + bytearray()) is x, type(x + bytearray(b"c")).__name__)
print(b"" + bytearray(b"q"), bytearray(b"q") + b"r", b"ab" + memoryview(b"cd"))
acc = b""
for i in range(300):
    acc += bytes([i % 256])
print(len(acc), acc[:5], acc[-5:])
ba = bytearray(b"xy")
ba *= 5
print(ba)
ba *= 1
print(ba)
ba *= 0
print(ba, len(ba))
ba = bytearray(b"q")
ba *= 100000
print(len(ba), ba[:3])
try:
    b"ab" + "cd"
except TypeError as e:
    print("TypeError:", e)
try:
    "ab" + b"cd"
except TypeError as e:
    print("TypeError:", e)

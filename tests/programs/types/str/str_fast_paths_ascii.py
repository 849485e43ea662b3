# ASCII fast paths of split (whitespace table), strip, join (ASCII pieces
# copied straight into the result) and replace, against their general paths:
# every ASCII whitespace byte, maxsplit edges, subclasses, wide and surrogate
# text, and the errors.

WS = "".join(chr(c) for c in range(128) if chr(c).isspace())
print(repr(WS))
for c in range(128):
    s = "a" + chr(c) + "b"
    if s.split() != (["a", "b"] if chr(c).isspace() else [s]):
        print("split mismatch", c)

texts = ["", " ", "a", " a ", "  alpha beta\tgamma\ndelta\x1cepsilon\x1fzeta\x0b\x0c\r",
         "word", "a b c d e f g h i j k l m n o p", "x" * 40 + " " + "y" * 3 + "  ",
         "\x1d\x1e lead and trail \x1c", "caf\xe9 au lait", "na\u0131ve  t\u0113xt",
         "\U0001f600 smile \U0001f600", "a\x85b\xa0c", "lone \udc80 surrogate"]
for t in texts:
    print(repr(t), t.split(), t.rsplit())
    for m in (-1, 0, 1, 2, 3, 100):
        print(" ", m, t.split(maxsplit=m), t.rsplit(None, m), t.split(" ", m))
    print(" ", repr(t.strip()), repr(t.lstrip()), repr(t.rstrip()), repr(t.strip(" a")))


class S(str):
    pass


s = S("only")
r = s.split()
print(r, type(r[0]).__name__, r[0] is s)
r = "only".split()
print(r, r[0] == "only")
print(type(S("  x  ").strip()).__name__, type(S("x").strip()).__name__)

pieces = ["alpha", "beta", "gamma", "delta", "eps", "zeta"]
for sep in ["", " ", ", ", "--sep--", "\xe9", "\u20ac", "\U0001f600"]:
    print(repr(sep.join(pieces)), len(sep.join(pieces)))
    print(repr(sep.join(pieces[:1])), repr(sep.join([])), repr(sep.join(("a", "b"))))
    print(repr(sep.join(["x" * 30, "y" * 30])))
    print(repr(sep.join(["caf\xe9", "ok"])), repr(sep.join(["ok", "\u20ac", "\U0001f600"])))
    print(repr(sep.join(["a", "\udc80", "b"])))
print(repr(" ".join(S(p) for p in pieces)), type(" ".join([S("one")])).__name__)
print(repr("".join(iter(pieces))), repr("-".join(x for x in "abc")))
one = "single"
print(" ".join([one]) is one, " ".join((one,)) is one)
for bad in (["a", 1, "b"], ["a", b"b"], [None], ("x", "y", 3.5)):
    try:
        " ".join(bad)
    except TypeError as e:
        print("TypeError", e)
    try:
        "\xe9".join(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    " ".join(5)
except TypeError as e:
    print("TypeError", e)

line = "00031|alpha_theta|ZETA|31.31|yes"
print(line.replace("|", ", "), line.replace("|", ""), line.replace("|", "|", 2))
print(line.replace("|", ", ", 0), line.replace("|", ", ", 1), line.replace("|", ", ", -1))
print(line.replace("alpha", "\xe9"), line.replace("_", "\u20ac"), line.replace("", "."))
print("aaa".replace("a", "bb"), "aaa".replace("aa", "b"), "".replace("", "x"), "x".replace("", "-"))
print("short|x".replace("|", "::"), ("a|" * 20).replace("|", ""))
for t in ["aaaa", "abababab", "x" * 21 + "|", "|" * 23, "ab|cd" * 10]:
    for old, new in [("a", "b"), ("aa", "b"), ("ab", "ba"), ("|", ""), ("|", "||"), ("b|c", "-"), ("zz", "y")]:
        for n in (-1, 0, 1, 2, 5):
            r = t.replace(old, new, n)
            print(repr(t), old, new, n, repr(r), len(r), r is t)
print(S("a|b").replace("|", "-"), type(S("a|b").replace("|", "-")).__name__, type(S("ab").replace("|", "-")).__name__)
for bad in ((1, "x"), ("x", 1), ("a", "b", "c")):
    try:
        "abc".replace(*bad)
    except TypeError as e:
        print("TypeError", e)

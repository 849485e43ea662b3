# Every str method: results, edge cases and CPython's error messages.

def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "!", type(e).__name__, e)
    else:
        print(label, ascii(r))

class S(str):
    pass

class Idx:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v

# --- the method set itself
names = sorted(n for n in dir(str) if n != "__doc__")  # __doc__: type machinery, not str
print(len(names))
print(names)
print(type(str.__dict__["maketrans"]).__name__)

# --- capitalize / title / swapcase / lower / upper / casefold
for s in ["", "hello world", "HELLO", "hElLo wOrLd", "ǆemal", "ßtraße", "ŉ", "ﬁne ﬂag", "'tis o'neil", "x1y2 3z",
          "ΣΑΣ ΣΑΣ", "İstanbul", "ǅ ǆ Ǆ", "ᾳ ᾼ", "\u1f80\u1f88", "a\u0301b", "\ud800a", "ﬃ", "ǰ", "ΐ"]:
    print(ascii(s), ascii(s.capitalize()), ascii(s.title()), ascii(s.swapcase()),
          ascii(s.lower()), ascii(s.upper()), ascii(s.casefold()))
t("capitalize(1)", lambda: "a".capitalize(1))
t("casefold(x=1)", lambda: "a".casefold(x=1))
t("upper(1)", lambda: "a".upper(1))
t("str.upper(1)", lambda: str.upper(1))
t("str.lower()", lambda: str.lower())

# --- center / ljust / rjust / zfill
for w in [-1, 0, 1, 2, 5, 6, 7, 8]:
    for s in ["", "a", "ab", "abc", "é€"]:
        print(w, ascii(s), ascii(s.center(w)), ascii(s.center(w, "*")), ascii(s.ljust(w, "€")),
              ascii(s.rjust(w, "-")), ascii(s.zfill(w)))
for s in ["+1", "-1", "+", "-", "1-", "--1", "é", "+é"]:
    print(ascii(s), ascii(s.zfill(5)))
t("center()", lambda: "a".center())
t("center(1,2)", lambda: "a".center(1, 2))
t("center(5,'ab')", lambda: "a".center(5, "ab"))
t("center(5,'')", lambda: "a".center(5, ""))
t("center('x')", lambda: "a".center("x"))
t("center(1.5)", lambda: "a".center(1.5))
t("center(width=1)", lambda: "a".center(width=1))
t("center(1,'a','b')", lambda: "a".center(1, "a", "b"))
t("ljust(2**70)", lambda: "a".ljust(2**70))
t("rjust(Idx(3))", lambda: "a".rjust(Idx(3)))
t("zfill()", lambda: "a".zfill())
t("zfill('x')", lambda: "a".zfill("x"))
t("zfill(1,2)", lambda: "a".zfill(1, 2))
t("center(S)", lambda: type(S("ab").center(1)).__name__)

# --- count / find / rfind / index / rindex
h = "abcabcab"
for sub in ["", "a", "ab", "abc", "b", "x", "cab", "abcabcab", "abcabcabc"]:
    for args in [(), (1,), (-3,), (2, 5), (0, -1), (-100, 100), (5, 2), (8,), (9,), (None, 4), (3, None)]:
        print(ascii(sub), args, h.count(sub, *args), h.find(sub, *args), h.rfind(sub, *args),
              h.startswith(sub, *args), h.endswith(sub, *args))
u = "αβγαβγ€x"
for sub in ["", "β", "γα", "x", "€x", "y", "a"]:
    print(ascii(sub), u.count(sub), u.find(sub), u.rfind(sub), u.find(sub, 2), u.rfind(sub, 0, 5))
print("".count(""), "".find(""), "".rfind(""), "abc".find("", 3), "abc".find("", 4), "abc".rfind("", 4))
print("abc".count("", 3), "abc".count("", 4), "abc".count("", -1), "aaaa".count("aa"))
print("a".find("a", 2**70), "abc".find("c", -2**70), "abc".find("b", Idx(1)))
t("index missing", lambda: "abc".index("d"))
t("rindex missing", lambda: "abc".rindex("d"))
t("index ok", lambda: ("abcb".index("b"), "abcb".rindex("b"), "abcb".index("b", 2)))
t("find()", lambda: "a".find())
t("find(1)", lambda: "a".find(1))
t("find 4 args", lambda: "a".find("a", 1, 2, 3))
t("find(x=1)", lambda: "a".find(x=1))
t("count()", lambda: "a".count())
t("count(1)", lambda: "a".count(1))
t("count('a','x')", lambda: "a".count("a", "x"))
t("index()", lambda: "a".index())
t("rindex 4", lambda: "a".rindex("a", 1, 2, 3))
t("rfind(b'')", lambda: "a".rfind(b""))

# --- startswith / endswith
t("sw tuple", lambda: ("hello".startswith(("x", "he")), "hello".endswith(("lo", "x")), "hello".startswith(())))
t("sw S", lambda: "hello".startswith(S("he")))
t("sw()", lambda: "a".startswith())
t("ew(1)", lambda: "a".endswith(1))
t("ew((1,))", lambda: "a".endswith((1,)))
t("sw((1,))", lambda: "a".startswith(("a", 1)))
t("sw(['a'])", lambda: "a".startswith(["a"]))
t("sw kw", lambda: "a".startswith(prefix="a"))
t("sw 4", lambda: "a".startswith("a", 1, 2, 3))
t("sw('a','x')", lambda: "a".startswith("a", "x"))
print("abc".startswith("", 3), "abc".startswith("", 4), "abc".endswith("", 4), "abc".endswith("c", 0, 2))

# --- expandtabs
for s in ["a\tb", "\t", "ab\tcd\tef", "a\nb\tc", "a\r\tb", "12345678\tx", "€\t€", ""]:
    print(ascii(s), [s.expandtabs(n) for n in (-1, 0, 1, 2, 4, 8)], ascii(s.expandtabs()))
t("expandtabs('x')", lambda: "a".expandtabs("x"))
t("expandtabs(tabsize='x')", lambda: "a".expandtabs(tabsize="x"))
t("expandtabs(tabsize=3)", lambda: "a\tb".expandtabs(tabsize=3))
t("expandtabs(1,2)", lambda: "a".expandtabs(1, 2))
t("expandtabs(2**63)", lambda: "a".expandtabs(2**63))
t("expandtabs kw2", lambda: "a".expandtabs(tabsize=4, x=1))

# --- is* predicates
samples = ["", "abc", "ABC", "Abc", "aBC", "abc1", "123", "1.5", " ", " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u2028",
           "\u200b", "٣", "²", "½", "五", "Ⅻ", "ǅ", "ǅa", "Aǅ", "Hello World", "Hello world", "HELLO World",
           "A1 B2", "1A", "_id", "id1", "1id", "λx", "a-b", "é", "\x7f", "\u0300", "a\u0300", "𝒳", "\ud800",
           "ῼ", "ᾈ", "ʰ", "ª", "Ⓐ", "ⓐ", "ǈ Ǌ", "ß", "ﬁ"]
preds = ["isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric",
         "isprintable", "isspace", "istitle", "isupper"]
for s in samples:
    print(ascii(s), "".join("1" if getattr(s, p)() else "0" for p in preds))
t("isalpha(1)", lambda: "a".isalpha(1))
t("isascii kw", lambda: "a".isascii(x=1))

# --- join
t("join list", lambda: "-".join(["a", "b", "c"]))
t("join gen", lambda: ", ".join(str(i) for i in range(4)))
t("join str", lambda: "|".join("abc"))
t("join dict", lambda: "+".join({"x": 1, "y": 2}))
t("join empty", lambda: "x".join([]))
t("join unicode", lambda: "€".join(["α", "b", "\U0001f600"]))
t("join one", lambda: "xx".join(["only"]))
t("join S", lambda: type("".join([S("a")])).__name__)
t("join(1)", lambda: "a".join(1))
t("join([1])", lambda: "a".join([1]))
t("join(['a',b'x'])", lambda: "a".join(["a", b"x"]))
t("join()", lambda: "a".join())
def bad_iter():
    yield "a"
    raise ValueError("boom")
t("join gen err", lambda: "a".join(bad_iter()))

# --- strip family
for s in ["  a b  ", "\t\n a\x1c\x85\u3000", "xxaxx", "", "   ", "abcba", "€a€"]:
    print(ascii(s), ascii(s.strip()), ascii(s.lstrip()), ascii(s.rstrip()), ascii(s.strip("xa")),
          ascii(s.lstrip("ab€")), ascii(s.rstrip(None)), ascii(s.strip("")))
t("strip(1)", lambda: "a".strip(1))
t("lstrip(1)", lambda: "a".lstrip(1))
t("rstrip(1)", lambda: "a".rstrip(1))
t("strip 2", lambda: "a".strip("a", "b"))
t("lstrip kw", lambda: "a".lstrip(chars="a"))

# --- partition / rpartition
for s in ["a=b=c", "abc", "=", "", "a==b", "€=€"]:
    for sep in ["=", "==", "x", "a=b=c"]:
        print(ascii(s), ascii(sep), s.partition(sep), s.rpartition(sep))
t("partition('')", lambda: "a".partition(""))
t("rpartition('')", lambda: "a".rpartition(""))
t("partition(1)", lambda: "a".partition(1))
t("partition()", lambda: "a".partition())
t("partition(2 args)", lambda: "a".partition("a", "b"))

# --- removeprefix / removesuffix
for s in ["prefix-body-suffix", "", "pp", "€x€"]:
    print(ascii(s), [s.removeprefix(p) for p in ["", "p", "prefix-", "pp", "ppp", "€"]],
          [s.removesuffix(p) for p in ["", "x", "-suffix", "p", "€"]])
t("removeprefix(1)", lambda: "a".removeprefix(1))
t("removesuffix(1)", lambda: "a".removesuffix(1))
t("removeprefix()", lambda: "a".removeprefix())

# --- replace
for s in ["aaa", "abcabc", "", "αβα", "a\U0001f600a"]:
    for old, new in [("a", "x"), ("", "-"), ("aa", "b"), ("α", "a"), ("\U0001f600", "!"), ("zz", "y"), ("abc", "")]:
        print(ascii(s), ascii(old), ascii(new), [ascii(s.replace(old, new, c)) for c in (-5, -1, 0, 1, 2)],
              ascii(s.replace(old, new)))
t("replace('a')", lambda: "a".replace("a"))
t("replace(1,'b')", lambda: "a".replace(1, "b"))
t("replace('a',1)", lambda: "a".replace("a", 1))
t("replace count str", lambda: "a".replace("a", "b", "c"))
t("replace 4", lambda: "a".replace("a", "b", 1, 2))
t("replace kw", lambda: "a".replace("a", "b", count=1))
t("replace Idx", lambda: "aaa".replace("a", "b", Idx(2)))

# --- split / rsplit
for s in ["a b  c", "  a b  c  ", "", "   ", "a,b,,c,", ",", "a\u3000b\x85c\x1cd", "abcabc"]:
    print(ascii(s), s.split(), s.rsplit(), s.split(None, 1), s.rsplit(None, 1), s.split(maxsplit=0), s.rsplit(maxsplit=0))
    for sep in [",", "b", "bc", "abc", " "]:
        print("  ", ascii(sep), s.split(sep), s.rsplit(sep), s.split(sep, 1), s.rsplit(sep, 1), s.split(sep=sep, maxsplit=2), s.rsplit(sep, -7))
t("split(1)", lambda: "a".split(1))
t("split('')", lambda: "a".split(""))
t("rsplit('')", lambda: "a".rsplit(""))
t("split(maxsplit='x')", lambda: "a".split(maxsplit="x"))
t("split(None, None)", lambda: "a".split(None, None))
t("split(None, 2**70)", lambda: "a".split(None, 2**70))
t("split(x=1)", lambda: "a".split(x=1))
t("split 3", lambda: "a".split("a", 1, 2))
t("rsplit(1)", lambda: "a".rsplit(1))
t("split sep kw twice", lambda: "a".split(",", sep=","))

# --- splitlines
for s in ["a\nb\r\nc\rd", "a\n", "\n", "", "a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i", "a\r", "\r\n\r\n", "x\n\ny"]:
    print(ascii(s), s.splitlines(), s.splitlines(True), s.splitlines(keepends=True))
t("splitlines('x')", lambda: "a".splitlines("x"))
t("splitlines(1,2)", lambda: "a".splitlines(1, 2))
t("splitlines(keepends=[])", lambda: "a".splitlines(keepends=[]))
t("splitlines(x=1)", lambda: "a".splitlines(x=1))
t("splitlines(2)", lambda: "a\nb".splitlines(2))

# --- translate / maketrans
t("maketrans 2", lambda: str.maketrans("abc", "xyz"))
t("maketrans 3", lambda: str.maketrans("ab", "cd", "e"))
t("maketrans dict", lambda: str.maketrans({"a": "bc", 98: None, "c": 5}))
t("maketrans instance", lambda: "".maketrans("a", "b"))
t("maketrans()", lambda: str.maketrans())
t("maketrans(1)", lambda: str.maketrans(1))
t("maketrans({1.5:2})", lambda: str.maketrans({1.5: 2}))
t("maketrans({'ab':2})", lambda: str.maketrans({"ab": 2}))
t("maketrans('ab','c')", lambda: str.maketrans("ab", "c"))
t("maketrans(1,2)", lambda: str.maketrans(1, 2))
t("maketrans('a','b',3)", lambda: str.maketrans("a", "b", 3))
t("maketrans({},'a')", lambda: str.maketrans({}, "a"))
t("maketrans 4", lambda: str.maketrans("a", "b", "c", "d"))
class D(dict):
    pass
t("maketrans(D)", lambda: str.maketrans(D(a=1)))
tbl = str.maketrans({"a": "bc", "b": None, "c": 0x10000, "d": "", "€": "E"})
for s in ["abcd", "xyz", "", "€a€", "aaaa"]:
    print(ascii(s), ascii(s.translate(tbl)))
t("translate list", lambda: "abc".translate([None, "x"]))
t("translate str", lambda: "abc".translate("xyz" * 50))
t("translate()", lambda: "a".translate())
t("translate(1)", lambda: "a".translate(1))
t("translate float", lambda: "a".translate({97: 1.5}))
t("translate big", lambda: "a".translate({97: 0x110000}))
t("translate neg", lambda: "a".translate({97: -1}))
class Tbl:
    def __getitem__(self, k):
        if k == 98:
            raise KeyError(k)
        if k == 99:
            raise IndexError(k)
        if k == 100:
            raise ValueError("bad key")
        return k + 1
t("translate obj", lambda: "abc".translate(Tbl()))
t("translate obj err", lambda: "abcd".translate(Tbl()))

# --- encode / format / __format__ / format_map
t("encode", lambda: ("é".encode(), "é".encode("latin-1"), "é".encode(encoding="utf-16-le"), "é".encode("ascii", "replace")))
t("encode(1)", lambda: "a".encode(1))
t("encode 3", lambda: "a".encode("utf-8", "strict", "x"))
t("format", lambda: "{0}-{x}".format(1, x=2))
t("format_map", lambda: "{x}".format_map({"x": 3}))
t("format_map()", lambda: "a".format_map())
t("__format__", lambda: "ab".__format__(">5"))

# --- dunders
s = "hello €"
print(len(s), s[1], s[-1], s[1:4], s[::-1], s[::2], s[10:], s[-100:2], s[1:-1:3])
t("s[7]", lambda: s[7])
t("s[-8]", lambda: s[-8])
t("s[1.5]", lambda: s[Idx(1)])
t("s['x']", lambda: s.__getitem__("x"))
t("s[big]", lambda: s[2**70])
print("ell" in s, "" in s, "€" in s, "x" in s, s.__contains__("h"))
t("1 in s", lambda: 1 in s)
print(list(iter("ab€")), [c for c in ""])
print("a" < "b", "a" < "ab", "é" > "z", "€" >= "€", "a" == S("a"), "abc" != "abd", "\U0001f600" > "\uffff")
t("'a' < 1", lambda: "a" < 1)
print(hash("abc") == hash(S("abc")), hash("") == hash(S("")))
print("abc".__getnewargs__(), type(S("x").__getnewargs__()[0]).__name__)
t("__getnewargs__(1)", lambda: "a".__getnewargs__(1))
print("".__sizeof__(), "a".__sizeof__(), "abcd".__sizeof__(), "é".__sizeof__(), "€".__sizeof__(),
      "\U0001f600".__sizeof__(), "é€".__sizeof__())
t("__sizeof__(1)", lambda: "a".__sizeof__(1))
print("%s-%d" % ("a", 3), "ab" * 3, 2 * "é", "a" + "b", "x" * 0, "x" * -1)
t("str + int", lambda: "a" + 1)
t("str * str", lambda: "a" * "b")
print(str.__mod__("%s", 1), hasattr("", "__rmod__"), "ab".__rmod__(1))
print(S("ab").partition("b"), [type(x).__name__ for x in S("ab").partition(S("b"))], [type(x).__name__ for x in "ab".rpartition(S("b"))])

# --- subclasses: methods return exact str
ss = S("  Hello  ")
for name in ["strip", "lower", "upper", "title", "swapcase", "casefold", "capitalize", "lstrip", "rstrip"]:
    r = getattr(ss, name)()
    print(name, ascii(r), type(r).__name__)
print(type(S("abc").replace("x", "y")).__name__, type(S("abc")[:]).__name__, type(S("a").zfill(1)).__name__,
      [type(x).__name__ for x in S("a b").split()], [type(x).__name__ for x in S("ab").partition("x")])

# identity of unchanged results
s = "unchanged"
print(s.strip() is s, s.replace("x", "y") is s, s.center(3) is s, s.zfill(2) is s, s.removeprefix("x") is s,
      s.partition("x")[0] is s, "".join([s]) is s, s.expandtabs() is s, s[:] is s, s.ljust(1) is s)
print(type(iter("abc")).__name__, type(iter("é")).__name__, type(iter("")).__name__, list(iter("é€x")))
it3 = iter("héllo"); next(it3); print(it3.__length_hint__(), it3.__reduce__()[1:])

# bound methods name their type in argument errors
for f, args in [("a".lower, (1,)), ("a".removeprefix, ()), ("a".zfill, (1, 2)), (b"a".upper, (1,)),
                (bytearray().append, ()), ([].append, ()), ("a".__mul__, ()), ("a".__contains__, ())]:
    try:
        f(*args)
    except TypeError as e:
        print("TypeError", e)
p="ab"; t="xaby"; print(t.replace(p, p) is t, t.replace("ab", "ab") is t)

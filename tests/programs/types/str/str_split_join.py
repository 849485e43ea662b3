# split, rsplit, splitlines, join, partition, rpartition.
s = "  a  b c   d "
print(s.split(), s.split(" "), s.split(None, 1), s.rsplit(None, 1), s.split(" ", 2), s.rsplit(" ", 2))
print("a,b,,c,".split(","), "a,b,,c,".rsplit(",", 1), ",".split(","), "".split(","), "".split(), "   ".split())
print("a::b::c".split("::"), "a::b::c".rsplit("::", maxsplit=1), "abc".split("abc"), "x".split("x", 0))
print("1 2 3".split(maxsplit=0), "1 2 3".split(maxsplit=-1), "a\tb\nc\x0bd\x1ce\u2003f".split())
text = "line1\nline2\r\nline3\rline4\x0bline5\x0cline6\x1cline7\x1dline8\x1eline9\x85line10\u2028line11\u2029end\n"
print(text.splitlines())
print(text.splitlines(keepends=True)[:4])
print("".splitlines(), "\n".splitlines(), "a\n\nb\n".splitlines(), "a\n\nb\n".split("\n"), "x\r\n".splitlines(True))
print(",".join(["a", "b", "c"]), "".join([]), "-".join("xyz"), " ".join(str(i) for i in range(5)), "ab".join(["1", "2"]))
print("".join(("a", "b")), "\n".join(["x"]), ", ".join({"k": 1, "j": 2}))
for bad in [["a", 1], [b"x"], None]:
    try:
        ",".join(bad)
    except TypeError as e:
        print("TypeError:", e)
print("key=value=x".partition("="), "key=value=x".rpartition("="), "novalue".partition("="), "novalue".rpartition("="))
print("a.b.c".partition("."), "".partition("x"), "abc".partition("abc"))
try:
    "abc".partition("")
except ValueError as e:
    print("ValueError:", e)
try:
    "abc".split("")
except ValueError as e:
    print("ValueError:", e)
print("a b".split(" ", -5), "a,b".split(",", 1_000_000))

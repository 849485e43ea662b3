# printf-style % formatting of strings.
print("%s" % "x", "%s %s" % ("a", "b"), "%r" % "q", "%a" % "é", "%c%c" % ("h", 105), "%%")
print("%5s|%-5s|%.2s|%5.1s|%-6.3s|" % ("ab", "ab", "abcdef", "xyz", "abcdef"))
print("%(name)s is %(age)d years, %(name)r" % {"name": "Bob", "age": 42})
print("%*s|%-*s|%.*s" % (6, "r", 6, "l", 2, "trunc"))
print("%s" % [1, 2], "%s" % (1,), "%s" % ((1, 2),), "%s %s" % (None, True), "%s" % {"k": 1})
print("%d%%" % 50, "%s" % b"bytes", "%r" % b"bytes", "%s" % 1.0, "%s" % 1e20)
print("%5d|%-5d|%05d|%+d|% d|%x|%#X|%o|%#o|%e|%.1f" % (42, 42, 42, 42, 42, 255, 255, 8, 8, 12345.678, 2.25))
print("no args" % (), "%s" % "only" if True else "")
class R:
    def __repr__(self): return "R()"
    def __str__(self): return "str R"
print("%s %r %a" % (R(), R(), R()))
for fmt, args in [("%d", "x"), ("%s %s", ("a",)), ("%s", ("a", "b")), ("%(x)s", ("no dict",)), ("%(x)s", {}),
                  ("%z", 1), ("%", ()), ("%c", "ab"), ("%c", 10 ** 8), ("%*d", ("a", 1)), ("%.*f", (1.5, 1.0))]:
    try:
        print(repr(fmt % args))
    except (TypeError, ValueError, KeyError, OverflowError) as e:
        print(repr(fmt), type(e).__name__ + ":", e)
print("%s" % "%d", "%%d" % (), "%(a)s%(a)s" % {"a": "rep"}, "% 5.1f|" % 3.14159)
print("%-8s|%8s|" % ("左", "右"), "%3c|" % "z", "%i" % 3.99, "%u" % 7)

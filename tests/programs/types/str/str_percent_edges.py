# str % args: argument handling, conversions of unusual types, and the errors.
class Num:
    def __int__(self):
        return 7
    def __float__(self):
        return 2.5


class Idx:
    def __index__(self):
        return 65


class OnlyFloat:
    def __float__(self):
        return 1.25


class Seq:
    def __getitem__(self, key):
        return "item-" + str(key)


class SubInt(int):
    def __repr__(self):
        return "SubInt!"
    __str__ = __repr__


def t(fmt, args):
    try:
        print(repr(fmt), "->", repr(fmt % args))
    except Exception as e:
        print(repr(fmt), "!!", type(e).__name__ + ":", e)


t("%5%", ())
t("%(a)%", {"a": 1})
t("%(a)s %s", {"a": 1})
t("%s", {"a": 1})
t("abc", [1])
t("abc", 1)
t("abc", (1,))
t("abc", "x")
t("abc", Seq())
t("%(k)s", Seq())
t("%z", ())
t("%z", 1)
t("%\x01", 1)
t("%é", 1)
t("%.99999999999s", 1)
t("%99999999999999999999d", 1)
t("%d", 1.5)
t("%x", 1.5)
t("%d", 1 + 2j)
t("%d", "x")
t("%f", "x")
t("%c", "ab")
t("%c", 1.5)
t("%c", 0x110000)
t("%c", -1)
t("%c", Idx())
t("%d %x %f %s", (Num(), Idx(), Num(), Num().__class__.__name__))
t("%d", OnlyFloat())
t("%f", OnlyFloat())
t("%x", Num())
t("%d %s %r %x", (SubInt(12), SubInt(12), SubInt(12), SubInt(255)))
t("%d %i", (True, False))
t("%d", float("inf"))
t("%d", float("nan"))
t("%*d", ("a", 1))
t("%*d", (2 ** 70, 1))
t("%.*d", (2 ** 40, 1))
t("%*d|%-*d|%*d", (4, 1, 4, 2, -4, 3))
t("%.*f", (-3, 1.5))
t("%s %s", (1,))
t("%s", (1, 2))
t("%(a)s", 1)
t("%(a)s", {"b": 1})
t("%(a(b))s", {"a(b)": "nested parens"})
t("%(a", {})
t("%", ())
t("abc%", ())
t("%-5c|%5c", ("x", 0x41))
t("%.1c", "x")
t("%#s", 10)
t("%x %X %o", (True, 255, -8))
t("%5.2s|", "abc")
t("%r %a %s", ("é", "é", "é"))
t("%i %u", (3.9, -3.9))
t("%%%s", 1)
t("%(a)d", {"a": 1})
t("%(a)*d", {"a": 1})
t("%#o %#x %#X %#5x %#-8o|", (8, 255, 255, 3, 9))
t("%e %E %g %G %F %f", (1e10, 1e10, 1e-10, 1e20, float("inf"), float("-nan")))
t("%+.3e|% 010.2f|%-10g|%#g|%#.0f", (-12.5, 3.14159, 0.0001, 2.0, 3.0))
t("%010d|%-010d|%+05d|% 05d|%.5d|%8.5d", (-42, -42, 42, 42, -42, 42))
t("%s", 10 ** 30)
t("%d", 10 ** 30)
t("%x", -(10 ** 30))
t("%ld %hd %Ld", (1, 2, 3))
t("%c%c%c", (0x1F600, "\u20ac", 0))
t("x" * 3 + "%s" + "y" * 3, "-")
t("%s\u20ac%s", ("a", "\U0001F600"))

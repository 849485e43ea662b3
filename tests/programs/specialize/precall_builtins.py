# PRECALL_NO_KW_STR_1 / TUPLE_1 / TYPE_1, PRECALL_BUILTIN_CLASS,
# PRECALL_BUILTIN_FAST_WITH_KEYWORDS, PRECALL_NO_KW_LIST_APPEND: builtin
# calls made by the PRECALL, warmed, then every guard broken: builtins
# shadowed in globals and in builtins, keyword arguments, exceptions
# raised by the callee, subclasses.
import builtins


class Weird:
    def __str__(self):
        raise ValueError("no str")

    def __iter__(self):
        raise RuntimeError("no iter")


def conv(x):
    return str(x), tuple(x), type(x)


def make(x):
    return list(x), dict(a=x), set(x), frozenset(x), bool(x), float(len(x)), range(len(x))


def kw(x):
    return sorted(x, key=lambda v: -v), sorted(x, reverse=True)


def enum(x):
    return list(enumerate(x, start=1)), list(map(abs, x)), list(filter(None, x)), list(reversed(x))


for i in range(40):
    conv([i])
    make([i, 0])
    kw([i, 1, 2])
    enum([i, -1, 0])
print(conv([1, 2]), conv("ab"), conv((1,)))
t = (1, 2)
print(tuple(t) is t)
print(make([3, 0]))
print(kw([3, 1, 2]), enum([0, -2, 5]))
for bad in (Weird(),):
    try:
        conv(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    kw([1, "a"])
except TypeError as e:
    print("TypeError", e)
try:
    make(5)
except TypeError as e:
    print("TypeError", e)

# Shadow in the module's globals.
sorted_keys = lambda k: list(k)
str = lambda x: "shadow str"
tuple = lambda x: "shadow tuple"
type = lambda x: "shadow type"
sorted = lambda x, **k: ("shadow sorted", sorted_keys(k))
print(conv([1]), kw([2, 1]))
del str, tuple, type, sorted
print(conv([1]), kw([2, 1]))
# Shadow in builtins.
real_list = builtins.list
builtins.list = lambda x=(): "shadow list"
print(make([1]))
builtins.list = real_list
print(make([1]))


# str/tuple/type subclasses and other classes through one site.
class MyStr(str):
    pass


def one(f, x):
    return f(x)


for i in range(30):
    one(str, i)
print([one(f, 7) for f in (str, MyStr, repr, float, int, bool)])


def appends(lst, x):
    lst.append(x)
    r = lst.append(x)
    return r


class L(list):
    def append(self, x):
        super().append(("L", x))


for i in range(40):
    appends([], i)
a, b = [], L()
print(appends(a, 1), a, appends(b, 2), b)
try:
    appends((), 3)
except AttributeError as e:
    print("AttributeError", e)

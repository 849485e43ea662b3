# PRECALL chooses its builtin form by the callee's calling convention, as
# CPython 3.11's specializer does by METH_* flags: METH_O, METH_FASTCALL,
# METH_FASTCALL|METH_KEYWORDS, METH_NOARGS, and VARARGS (min, max, str.count:
# not specialized). Each site is warmed, its form shown, then its guard is
# broken (another callable, keywords, a raising callee) and results checked.
import dis
import io
import math


def forms(f):
    out = io.StringIO()
    dis.dis(f, adaptive=True, file=out)
    return [line.split()[1] for line in out.getvalue().splitlines() if "PRECALL" in line]


def calls(s, d, l, i):
    return (
        len(s),
        isinstance(i, int),
        ",".join(s),
        d.get("a"),
        min(i, 3),
        abs(i),
        s.count("a"),
        list(d.keys()),
        sorted(s),
        getattr(d, "x", 1),
        hash(i),
        "a b".split(" "),
        "A".lower(),
        math.sqrt(4),
        max(i, 2, key=abs),
        "a,b".split(sep=","),
        divmod(i, 3),
        [].pop,
    )[:-1]


def appends(l, i):
    l.append(i)
    x = l.append(i)
    return x


for k in range(60):
    r = calls(["a"], {}, [], k)
    appends([], k)
print(r)
for name in forms(calls):
    print(name)
print(forms(appends))


# Break each guard: other callables through the same sites.
def site(f, *a, **k):
    return f(*a, **k)


def one(f, x):
    return f(x)


def two(f, x, y):
    return f(x, y)


def meth1(o):
    return o.upper()


def meth2(o, x):
    return o.count(x)


for k in range(60):
    one(len, "abc")
    two(isinstance, k, int)
    meth1("a")
    meth2([1, 2, 1], 1)
print(forms(one), forms(two), forms(meth1), forms(meth2))
print(one(abs, -3), one(repr, 5), one(str.upper, "x"), one(lambda v: v * 2, 4))
print(two(isinstance, 1, str), two(min, 4, 2), two(divmod, 7, 2), two(getattr, "s", "upper")())
print(meth1(b"ab"), meth2("banana", "a"), meth2((1, 1, 2), 1))
try:
    one(len, 5)
except TypeError as e:
    print("TypeError", e)
try:
    two(math.sqrt, 1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    meth1(5)
except AttributeError as e:
    print("AttributeError", e)
print(sorted([3, 1, 2], reverse=True), "x,y".split(sep=","), max(3, -5, key=abs))

# pickle.dumps of many objects, every protocol: the bytes (as
# pickletools.dis shows them) must be CPython's, and loads must give the
# object back.
import collections
import datetime
import decimal
import fractions
import io
import pickle
import pickletools


class Plain:
    def __init__(self):
        self.a = 1
        self.b = [1, 2]

    def __eq__(self, other):
        return type(other) is Plain and vars(self) == vars(other)


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self):
        self.x = 1
        self.y = "two"

    def __eq__(self, other):
        return type(other) is Slotted and (self.x, self.y) == (other.x, other.y)


class WithNewArgs(int):
    def __new__(cls, v, tag):
        self = super().__new__(cls, v)
        self.tag = tag
        return self

    def __getnewargs__(self):
        return (int(self), self.tag)


class WithNewArgsEx:
    def __new__(cls, *args, **kw):
        self = super().__new__(cls)
        self.args = args
        self.kw = kw
        return self

    def __getnewargs_ex__(self):
        return self.args, self.kw

    def __eq__(self, other):
        return type(other) is WithNewArgsEx and (self.args, self.kw) == (other.args, other.kw)


class Reduced:
    def __init__(self, v):
        self.v = v

    def __reduce__(self):
        return (Reduced, (self.v,), {"extra": 3})

    def __eq__(self, other):
        return type(other) is Reduced and self.v == other.v


Point = collections.namedtuple("Point", "x y")
shared = [1, 2]
recursive = [1]
recursive.append(recursive)
rdict = {}
rdict["self"] = rdict

objects = [
    None, True, False, 0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, -2**31, 2**31, 2**63, -2**63 - 1,
    2**100, -(2**1000), 0.0, -0.0, 1.5, 1e300, float("inf"),
    "", "a", "héllo", "\U0001f600", "x" * 300, "a\nb\\c",
    b"", b"abc", b"x" * 300, bytearray(b"ba"),
    (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), [], [1, "a", None], {}, {"a": 1, 2: [3]},
    set(), {1, 2, 3}, frozenset(), frozenset({4}), [shared, shared], (shared, shared),
    1j, complex(1, -2), range(5), range(1, 10, 3), slice(1, 2, 3),
    len, pickletools.dis, Plain, int, type(None), NotImplemented, Ellipsis,
    Plain(), Slotted(), WithNewArgs(5, "t"), WithNewArgsEx(1, 2, k=3), Reduced(7),
    Point(1, 2), collections.OrderedDict(a=1), collections.deque([1, 2]),
    collections.defaultdict(list, {1: [2]}), collections.Counter("abca"),
    decimal.Decimal("1.25"), fractions.Fraction(3, 4),
    datetime.date(2020, 1, 2), datetime.datetime(2020, 1, 2, 3, 4, 5, 6), datetime.timedelta(1, 2, 3),
    ValueError("bad", 1), KeyError("k"), OSError(2, "no", "f"),
    [[[[1]]]], {"deep": {"deeper": ({"deepest": [1.5]},)}},
    list(range(1500)), {i: str(i) for i in range(1100)},
]

for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    for obj in objects:
        try:
            data = pickle.dumps(obj, proto)
        except Exception as e:
            print("proto", proto, type(obj).__name__, type(e).__name__, e)
            continue
        out = io.StringIO()
        pickletools.dis(data, out)
        text = out.getvalue()
        back = pickle.loads(data)
        same = back == obj if not isinstance(obj, (float, BaseException)) or obj == obj else True
        if isinstance(obj, BaseException):
            same = type(back) is type(obj) and back.args == obj.args
        if len(text) > 3000:
            text = text[:1500] + "\n...\n" + text[-1500:]
        print("proto", proto, type(obj).__name__, "ok" if same else "MISMATCH", len(data))
        print(text)

for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    r = pickle.loads(pickle.dumps(recursive, proto))
    d = pickle.loads(pickle.dumps(rdict, proto))
    print(proto, r[1] is r, d["self"] is d)
    out = io.StringIO()
    pickletools.dis(pickle.dumps(recursive, proto), out)
    print(out.getvalue())

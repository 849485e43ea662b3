# _pickle writes CPython's bytes: for each protocol, the exact pickle of
# atoms, containers (batches of 1000, recursion), globals, reductions,
# persistent ids, dispatch tables, reducer_override, extension codes and
# frames (protocol 4+), and reads them back.
import _pickle
import collections
import copyreg
import fractions
import hashlib
import io
import pickletools


class Plain:
    def __init__(self):
        self.a = 1
        self.b = [2, 3]


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self):
        self.x = 1
        self.y = "two"


class NewArgs(int):
    def __getnewargs_ex__(self):
        return (int(self),), {}


class WithState:
    def __reduce__(self):
        return (WithState, (), {"k": 1}, iter([1, 2]), iter([("a", 1)]))

    def append(self, x):
        pass

    def __setitem__(self, k, v):
        pass

    def extend(self, items):
        pass


class Outer:
    class Inner:
        pass


def show(label, data):
    if len(data) <= 120:
        print(label, data.hex())
    else:
        print(label, len(data), hashlib.sha256(data).hexdigest()[:24])


rec_list = [1]
rec_list.append(rec_list)
rec_tuple = ([],)
rec_tuple[0].append(rec_tuple)
rec_dict = {}
rec_dict["me"] = rec_dict
shared = [1, 2]
objs = [
    None, True, False, 0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, -2**31, 2**31, -2**31 - 1, 2**64, -2**100,
    1.5, -0.0, float("inf"), 1e100, 1 + 2j,
    b"", b"abc", b"x" * 300, "", "abc", "h\xe9llo", "\u20ac\U0001f600", "a\\b\nc\rd\x00e\x1af", "\ud800",
    (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), [], [1], [1, 2], list(range(2500)), {}, {1: 2},
    {i: i for i in range(1000)}, {i: -i for i in range(1001)}, set(), {1, 2, 3}, set(range(1500)),
    frozenset(), frozenset({1}), bytearray(b""), bytearray(b"ab"), [shared, shared, (shared,)],
    {"a": [1, 2, (3, 4)], "b": {"c": None}}, len, _pickle.Pickler, int, type(None), type(...),
    type(NotImplemented), ..., NotImplemented, range(10), slice(1, 2, 3), Plain(), Slotted(), NewArgs(7),
    WithState(), Outer.Inner, collections.OrderedDict(a=1), collections.deque([1, 2]),
    collections.defaultdict(list, {1: [2]}), fractions.Fraction(1, 3), rec_list, rec_tuple, rec_dict,
    "y" * 70000, b"z" * 70000, [b"q" * 40000, "w" * 40000, b"e" * 1000],
]
for proto in range(6):
    for i, o in enumerate(objs):
        try:
            data = _pickle.dumps(o, proto)
        except Exception as e:
            print(proto, i, type(e).__name__, e)
            continue
        show(f"{proto} {i}", data)
        back = _pickle.loads(data)
        print("   ", type(back).__name__, repr(back)[:60] if not isinstance(back, (Plain, Slotted, WithState)) else "")

# pickletools agrees on what was written.
out = io.StringIO()
pickletools.dis(_pickle.dumps([1, "two", (3.0, None), {4: b"5"}], 4), out)
print(out.getvalue())

# fix_imports maps names for protocols < 3.
for proto in range(3):
    print(_pickle.dumps(collections.UserDict, proto, fix_imports=True))
    print(_pickle.dumps(collections.UserDict, proto, fix_imports=False))
    print(_pickle.dumps(ConnectionError, proto))

# Extension codes.
copyreg.add_extension(__name__, "Plain", 240)
copyreg.add_extension(__name__, "Slotted", 0x1234)
copyreg.add_extension(__name__, "Outer", 0x123456)
for proto in range(6):
    print(proto, _pickle.dumps([Plain, Slotted, Outer], proto))
    print(_pickle.loads(_pickle.dumps([Plain, Slotted, Outer], proto)))
copyreg.remove_extension(__name__, "Plain", 240)
copyreg.remove_extension(__name__, "Slotted", 0x1234)
copyreg.remove_extension(__name__, "Outer", 0x123456)


class PersPickler(_pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, str) and obj.startswith("ref:"):
            return obj[4:]
        return None


class PersUnpickler(_pickle.Unpickler):
    def persistent_load(self, pid):
        return "loaded:" + pid


for proto in range(6):
    f = io.BytesIO()
    PersPickler(f, proto).dump(["ref:abc", "plain", ("ref:x",)])
    print(proto, f.getvalue())
    print(PersUnpickler(io.BytesIO(f.getvalue())).load())


class Override(_pickle.Pickler):
    def reducer_override(self, obj):
        if obj is Plain:
            return (str, ("overridden",))
        return NotImplemented


f = io.BytesIO()
Override(f, 4).dump([Plain, 1, "x"])
print(f.getvalue(), _pickle.loads(f.getvalue()))

f = io.BytesIO()
p = _pickle.Pickler(f, 2)
p.dispatch_table = {Plain: lambda o: (dict, ((("pl", 1),),))}
p.dump([Plain(), Plain()])
print(f.getvalue(), _pickle.loads(f.getvalue()))

# A pickler's memo lives across dumps until clear_memo().
f = io.BytesIO()
p = _pickle.Pickler(f, 2)
x = ["shared"]
p.dump(x)
p.dump(x)
p.clear_memo()
p.dump(x)
print(f.getvalue(), len(p.memo.copy()))
u = _pickle.Unpickler(io.BytesIO(f.getvalue()))
print(u.load(), u.load(), u.load(), sorted(u.memo.copy()))


# Writes to a file: one per frame boundary past 64 KiB, big data streamed.
class Recorder:
    def __init__(self):
        self.sizes = []

    def write(self, b):
        self.sizes.append(len(b))


for proto in (2, 4, 5):
    r = Recorder()
    _pickle.dump([b"a" * 70000, "b" * 30000, ["c" * 100] * 900, b"d" * 10], r, proto)
    print(proto, r.sizes)

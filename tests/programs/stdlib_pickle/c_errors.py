# _pickle's errors as CPython's C unpickler and pickler raise them:
# malformed pickles (truncated, bad marks, bad memo, bad opcodes, bad
# arguments), bad reductions, bad arguments, and a fuzz of truncated and
# bit-flipped pickles whose exception types are counted.
import _pickle
import collections
import io
import random

cases = [
    b"", b"K", b"0", b"1", b"(1", b"a", b"N", b"Na.", b"]Na.", b"(N.", b"h\x05", b"j\x05\x00\x00\x00", b"g5\n",
    b"\xff", b"\x80\x09", b"I12", b"I12\n", b"Ixx\n.", b"Lxx\n.", b"S'abc\n.", b"Sabc\n.",
    b"\x95\x05\x00\x00\x00\x00\x00\x00\x00N.", b"\x95\x01\x00\x00\x00\x00\x00\x00\x00N.", b"c\n\n.",
    b"K\x01\x8c\x01b\x93.", b"\x82\x05.", b"\x97.", b"\x98.", b"b", b"NNb.", b"}Nb.", b"NN\x81.",
    b"\x88N\x81.", b"\x8f\x88\x90.", b"(\x88\x91.", b"(\x88\x90.", b"N(\x90.", b"X\x02\x00\x00\x00\xff\xfe.",
    b"T\xff\xff\xff\xff", b"B\xff\xff\xff\xff", b"\x8a\x00.", b"\x8b\xff\xff\xff\xff.", b"N}N\x94Ns.", b"}Ns.",
    b"NR.", b"N)R.", b"NNR.", b"p1\n", b"Np1\n.", b"Npx\n.", b"N\x94\x94.", b"\x94", b"Q", b"NQ.", b"Pabc\n.",
    b"]N\x85e.", b"N(e.", b"(Nl.", b"K\x01K\x02s.", b"NNN\x92.", b"\x8dxxxxxxxx",
    b"\x8e\x00\x00\x00\x00\x00\x00\x00\x80", b"(ios\nsep\n.", b"Noos\n.", b"(K\x01d.", b"I\n.", b"I 12\n.",
    b"I+12\n.", b"I99999999999999999999999\n.", b"I00\n.", b"I01\n.", b"L12L\n.", b"F1.5\n.", b"g\n.",
    b"p-1\n.", b"Np-1\n.", b"Ng-1\n.", b"(2.", b"(.", b".", b"(0.", b"N(0.", b"N(u.", b"}(Nu.", b"N\x85(\x86.",
    b"(t.", b"\x8f(K\x01\x90.", b"(K\x01\x8f\x90.", b"V\xff\n.", b"S\"a'\n.", b"U\x03abc.",
    b"\x8c\x03\xed\xa0\x80.", b"\x82\x00.", b"\x83\x00\x00.", b"\x84\x00\x00\x00\x80.", b"}NN(s", b"}N(Ns",
    b"}(NNs", b"}((u", b"]((\x90", b"]((e", b"](a", b"}(NN\x94s.", b"c__builtin__\nlist\n)R.",
    b"ccopy_reg\n_reconstructor\n.", b"S'\\x41\\n'\n.", b"U\x02\xe9a.", b"\x8c\x02ab\x8c\x01c\x93.",
]
for c in cases:
    try:
        r = _pickle.loads(c)
        print(c, "->", getattr(r, "__qualname__", None) or repr(r)[:60])
    except Exception as e:
        print(c, type(e).__name__, str(e)[:100])

for enc in ("latin1", "bytes", "ASCII"):
    try:
        print(enc, _pickle.loads(b"U\x02\xe9a.", encoding=enc))
    except Exception as e:
        print(enc, type(e).__name__, e)

# Argument and reduction errors.


class BadReduce:
    def __init__(self, rv):
        self.rv = rv

    def __reduce__(self):
        return self.rv


for rv in [42, (), (len,), (1, ()), (len, 1), (len, (), None, 5), (len, (), None, None, 5),
           (len, (), None, None, None, 5), (len, (), None, None, None, None, None)]:
    for proto in (0, 2):
        try:
            _pickle.dumps(BadReduce(rv), proto)
            print(rv, proto, "ok")
        except Exception as e:
            print(rv, proto, type(e).__name__, e)

for call in [
    lambda: _pickle.dumps(1, 6),
    lambda: _pickle.dumps(1, "x"),
    lambda: _pickle.dumps(1, 4, buffer_callback=list.append),
    lambda: _pickle.Pickler(None),
    lambda: _pickle.Unpickler(None),
    lambda: _pickle.loads("text"),
    lambda: _pickle.dumps(lambda: 0),
    lambda: _pickle.dumps(_pickle.PickleBuffer(b"x"), 4),
    lambda: _pickle.Unpickler(io.BytesIO()).load(),
]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)


class Unset(_pickle.Pickler):
    def __init__(self):
        pass


class UnsetU(_pickle.Unpickler):
    def __init__(self):
        pass


for o in (Unset(), UnsetU()):
    try:
        o.dump(1) if isinstance(o, _pickle.Pickler) else o.load()
    except Exception as e:
        print(type(e).__name__, e)

print(issubclass(_pickle.PicklingError, _pickle.PickleError), _pickle.PickleError.__module__,
      _pickle.UnpicklingError.__mro__)

# Deep nesting: RecursionError when pickling, plain success when loading.
deep = []
for _ in range(100000):
    deep = [deep]
try:
    _pickle.dumps(deep)
except RecursionError as e:
    print("RecursionError", e)
data = b"\x80\x02" + b"]" * 100000 + b"a" * 99999 + b"."
print(type(_pickle.loads(data)).__name__)

# Fuzz: every exception is an ordinary one; the types are counted.
rng = random.Random(4321)
samples = [None, 1, -2**70, 1.5, "h\xe9llo", b"bytes", (1, (2, [3])), {"a": [1, {2: 3}]}, {1, 2},
           frozenset({3}), list(range(50)), {"k%d" % i: i for i in range(30)}, 1j, range(3)]
pickles = [_pickle.dumps(o, p) for o in samples for p in range(6)]
counts = collections.Counter()
for data in pickles:
    variants = [data[:i] for i in range(len(data))]
    for _ in range(6):
        b = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        variants.append(bytes(b))
    for v in variants:
        try:
            _pickle.loads(v)
            counts["ok"] += 1
        except Exception as e:
            counts[type(e).__name__] += 1
print(sorted(counts.items()))

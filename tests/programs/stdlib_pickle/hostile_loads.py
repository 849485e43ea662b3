# pickle on hostile input: truncated, bit-flipped and spliced pickles
# raise ordinary exceptions (never a crash or a hang), deep nesting is a
# RecursionError when pickling and fine when unpickling.
import pickle
import random

rng = random.Random(1234)
samples = [
    None, 1, -2**70, 1.5, "héllo", b"bytes", (1, (2, [3])), {"a": [1, {2: 3}]},
    {1, 2}, frozenset({3}), list(range(50)), {"k%d" % i: i for i in range(30)}, 1j, range(3),
]
pickles = [pickle.dumps(o, p) for o in samples for p in range(pickle.HIGHEST_PROTOCOL + 1)]

cases = 0
for data in pickles:
    variants = [data[:i] for i in range(len(data))]
    for _ in range(6):
        b = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        variants.append(bytes(b))
        cut = rng.randrange(len(data))
        variants.append(data[:cut] + rng.choice(pickles)[cut:])
    for v in variants:
        cases += 1
        try:
            pickle.loads(v)
        except Exception:
            pass
print("fuzzed", cases, "inputs")

for junk in [b"", b".", b"(", b"0", b"\x80", b"\x80\x05", b"\x80\x05\x95", b"\x80\x02]a.", b"N0.",
             b"(t(t(t", b"I12345678901234567890123\n.", b"L1\n.", b"F\n.", b"S'abc\n.", b"Vabc",
             b"h\x05.", b"g5\n.", b"}(K\x01K\x02K\x03u."]:
    try:
        r = pickle.loads(junk)
        print(repr(junk), "->", repr(r)[:40])
    except Exception as e:
        # The type differs between the C and the Python unpickler.
        print(repr(junk), "raises", isinstance(e, Exception))

nested = []
for _ in range(100000):
    nested = [nested]
for proto in (0, 2, 5):
    try:
        pickle.dumps(nested, proto)
        print(proto, "pickled")
    except RecursionError:
        print(proto, "RecursionError")

n = 200000
deep = pickle.loads(b"\x80\x02" + b"]" * n + b"a" * (n - 1) + b".")
depth = 0
while deep:
    deep = deep[0]
    depth += 1
print("unpickled nesting depth", depth + 1)

"""Fuzz Taipan's marshal reader and its code-object validation, deterministically.

    python3 tests/marshal_fuzz.py --taipan target/ci/taipan [-n CASES] [--seed S]

Under Taipan, `marshal.loads` gets truncated, bit-flipped, spliced and
type-code-mutated versions of real payloads (every type code, marshal
versions 0 to 4, the code objects of several standard-library modules as in
their `.pyc` files). Each must return an object or raise ValueError,
EOFError, TypeError or SystemError (what CPython raises for such data: its
`_PyCode_Validate` reports SystemError); anything else, a panic or a crash
fails. Code objects that still load (and code whose `co_code` alone was
mutated through `code.replace`) are then run with a small set of builtins
and a timer: malformed bytecode must raise, never crash the interpreter.
CPython itself may crash on the second half, so this is not a differential
test; it runs only Taipan.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

INNER = r'''
import marshal, random, signal, sys, types

seed, cases, outfile = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)
ALLOWED = (ValueError, EOFError, TypeError, SystemError)

SRC = """
def f(a, b=2, *args, c, d=4, **kw):
    total = 0
    for i in range(a):
        if i % 3 == 0:
            continue
        try:
            total += i // (b - 2)
        except ZeroDivisionError as e:
            total -= 1
        finally:
            total ^= 5
    g = lambda x: x + total
    while total > 10:
        total //= 2
    return [g(x) for x in (a, b, c, d)], {k: v for k, v in kw.items()}, args

def gen(n):
    x = yield n
    yield from range(n)
    return x

class C:
    attr = 1
    def m(self, y):
        return self.attr + y
"""

def samples():
    code = compile(SRC, "<fuzz>", "exec")
    objs = [None, True, False, StopIteration, Ellipsis, 0, 1, -1, 2**31 - 1, -2**31, 2**31, 2**63, -2**100,
            12345678901234567890123, 0.0, -1.5, 1e300, float("inf"), 1j, complex(-2.5, 3e-7),
            b"", b"bytes\x00\xff", bytearray(b"ba"), "", "ascii", "x" * 300, "\u00e9t\u00e9", "\U0001f40d",
            "lone \udc80 surrogate", (), (1, "a", None), tuple(range(300)), [1, [2, [3]]], {"k": [1], 2: (3,)},
            {1, 2, 3}, frozenset({"a", "b"}), frozenset(), code]
    shared = ("shared",)
    objs.append([shared, shared, {"s": shared}])
    payloads = []
    for v in range(5):
        for o in objs:
            try:
                payloads.append(marshal.dumps(o, v))
            except ValueError:
                pass
    # The code of real modules, as their .pyc files hold it.
    import os
    lib = os.path.dirname(os.__file__)
    for name in ("textwrap.py", "json/decoder.py", "string.py", "contextlib.py"):
        path = os.path.join(lib, name)
        with open(path, "rb") as fh:
            payloads.append(marshal.dumps(compile(fh.read(), path, "exec")))
    return code, payloads

def mutate(data, payloads):
    data = bytearray(data)
    kind = rng.randrange(6)
    if kind == 0 and data:
        del data[rng.randrange(len(data)):]
    elif kind == 1 and data:
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
    elif kind == 2 and data:
        for _ in range(rng.randint(1, 3)):
            data[rng.randrange(len(data))] = rng.choice(b"0NFTS.iIfgxylstr([{cu?<>aAz)Z\x80\xff\x7f\x00" + bytes([rng.randrange(256)]))
    elif kind == 3:
        i = rng.randrange(len(data) + 1)
        data[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    elif kind == 4 and data:
        other = rng.choice(payloads)
        data = data[:rng.randrange(len(data))] + other[rng.randrange(len(other) + 1):]
    else:
        # A 4-byte size or count replaced by an extreme value.
        if len(data) > 5:
            i = rng.randrange(1, len(data) - 4)
            data[i:i + 4] = rng.choice([b"\xff\xff\xff\x7f", b"\x00\x00\x00\x80", b"\xff\xff\xff\xff", b"\x00\x00\x01\x00"])
    return bytes(data)

class Timeout(Exception):
    pass

def on_alarm(signum, frame):
    raise Timeout

SAFE_BUILTINS = {n: getattr(__builtins__, n, None) if not isinstance(__builtins__, dict) else __builtins__[n]
                 for n in ("len", "abs", "min", "max", "range", "list", "tuple", "dict", "set", "int", "str",
                           "isinstance", "ZeroDivisionError", "ValueError", "TypeError", "Exception",
                           "StopIteration", "__build_class__")}

def run_code(code):
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    try:
        ns = {"__builtins__": SAFE_BUILTINS, "__name__": "fuzzed"}
        exec(code, ns)
        for name in ("f", "gen", "C"):
            obj = ns.get(name)
            if callable(obj):
                r = obj(3, c=1) if name == "f" else obj(2)
                if name == "gen":
                    list(r)
    except Timeout:
        return "timeout"
    except BaseException as e:
        return type(e).__name__
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return "ran"

signal.signal(signal.SIGALRM, on_alarm)
code, payloads = samples()
outcomes, unexpected, ran = {}, [], {}
for case in range(cases):
    data = mutate(rng.choice(payloads), payloads)
    try:
        obj = marshal.loads(data)
        outcome = "loaded"
    except ALLOWED as e:
        outcome = type(e).__name__
        obj = None
    except BaseException as e:
        outcome = "unexpected"
        unexpected.append([case, type(e).__name__, str(e)[:200], data[:64].hex()])
        obj = None
    outcomes[outcome] = outcomes.get(outcome, 0) + 1
    if isinstance(obj, types.CodeType):
        r = run_code(obj)
        ran[r] = ran.get(r, 0) + 1
# Bytecode mutated alone, through code.replace (validated the same way).
fcode = next(c for c in code.co_consts if isinstance(c, types.CodeType))
for case in range(cases // 4):
    raw = bytearray(fcode.co_code)
    for _ in range(rng.randint(1, 3)):
        raw[rng.randrange(len(raw))] = rng.randrange(256)
    try:
        mutated = fcode.replace(co_code=bytes(raw))
    except ALLOWED as e:
        outcomes["replace:" + type(e).__name__] = outcomes.get("replace:" + type(e).__name__, 0) + 1
        continue
    outcomes["replace:accepted"] = outcomes.get("replace:accepted", 0) + 1
    f = types.FunctionType(mutated, {"__builtins__": SAFE_BUILTINS})
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    try:
        f(3, 2, c=1, d=4)
        r = "ran"
    except Timeout:
        r = "timeout"
    except BaseException as e:
        r = type(e).__name__
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    ran["replace:" + r] = ran.get("replace:" + r, 0) + 1
with open(outfile, "w") as fh:
    import json
    json.dump({"outcomes": outcomes, "ran": ran, "unexpected": unexpected}, fh)
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--taipan", required=True)
    ap.add_argument("-n", type=int, default=3000, help="mutated payloads per seed")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seeds", type=int, default=4, help="how many seeds from --seed on")
    opts = ap.parse_args()
    taipan = os.path.abspath(opts.taipan)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "inner.py")
        with open(script, "w") as f:
            f.write(INNER)
        for seed in range(opts.seed, opts.seed + opts.seeds):
            out = os.path.join(tmp, "out%d.json" % seed)
            p = subprocess.run([taipan, script, str(seed), str(opts.n), out], capture_output=True,
                               timeout=600, cwd=tmp)
            if p.returncode != 0 or not os.path.exists(out):
                failed = True
                tail = p.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
                print("seed %d: exit status %d\n  %s" % (seed, p.returncode, "\n  ".join(tail)))
                continue
            with open(out) as f:
                res = json.load(f)
            print("seed %d: loads %s; runs %s" % (seed, json.dumps(res["outcomes"], sort_keys=True),
                                                  json.dumps(res["ran"], sort_keys=True)))
            for case, name, msg, head in res["unexpected"]:
                failed = True
                print("  case %d: unexpected %s: %s (data starts %s)" % (case, name, msg, head))
    print("marshal fuzz: %s" % ("FAILED" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

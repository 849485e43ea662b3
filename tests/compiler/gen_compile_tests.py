"""Print the expected values of the compiler's unit tests
(crates/taipan-compiler/src/compile/tests/expected.rs) from CPython 3.11's
own compile(): code objects in the canonical dump format, and SyntaxErrors.

Usage: python3 tests/compiler/gen_compile_tests.py > crates/taipan-compiler/src/compile/tests/expected.rs
"""
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dump_code  # noqa: E402

TOP_LEVEL_AWAIT = 0x2000
FUTURE_ANNOTATIONS = 0x1000000

# (source, mode, optimize, flags)
CASES = [
    ("x = 1\nprint(x + 2)\n", "exec", 0, 0),
    ("a.b.c = d[e:f, ::g] = h\ndel a.b, c[d], e\n", "exec", 0, 0),
    ("x += 1\na.b -= 2\nc[d] **= 3\n", "exec", 0, 0),
    ("def f(a, /, b=1, *args, c, d=2, **kw) -> int:\n    '''doc'''\n    return a\n", "exec", 0, 0),
    ("def f(a, /, b=1, *args, c, d=2, **kw) -> int:\n    '''doc'''\n    return a\n", "exec", 2, 0),
    ("def outer(x):\n    def inner(y):\n        nonlocal x\n        x = y\n        return x\n    return inner\n", "exec", 0, 0),
    ("class C(B, metaclass=M):\n    '''doc'''\n    x: int = 1\n    def m(self):\n        return super().m(__class__)\n    def __p(self):\n        return self.__q\n", "exec", 0, 0),
    ("@d1\n@d2(x)\ndef f():\n    pass\n@dc\nclass C: pass\n", "exec", 0, 0),
    ("lambda a, *b, c=1, **d: (a, b, c, d)\n", "exec", 0, 0),
    ("[x * y for x in a if x for y in b]\n{x: y for x, y in c}\n{x for x in d}\n(x for x in e)\n", "exec", 0, 0),
    ("def f(xs):\n    return [y for x in xs for y in [x + 1]]\n", "exec", 0, 0),
    ("def g():\n    x = yield 1\n    yield from range(x)\n    return 2\n", "exec", 0, 0),
    ("async def f(a):\n    async with a as b, c:\n        await b\n    async for x in a:\n        pass\n    else:\n        return [y async for y in a]\n", "exec", 0, 0),
    ("async def agen():\n    yield 1\n    await x\n", "exec", 0, 0),
    ("await x\n[y async for y in z]\n", "exec", 0, TOP_LEVEL_AWAIT),
    ("try:\n    a\nexcept E as e:\n    b\nexcept (F, G):\n    c\nexcept:\n    d\nelse:\n    e\nfinally:\n    f\n", "exec", 0, 0),
    ("try:\n    a\nexcept* E as e:\n    b\nexcept* F:\n    c\nelse:\n    d\nfinally:\n    e\n", "exec", 0, 0),
    ("def f():\n    for x in y:\n        try:\n            if x:\n                break\n            continue\n        finally:\n            return x\n", "exec", 0, 0),
    ("def f():\n    with a as b:\n        with c:\n            return b\n", "exec", 0, 0),
    ("while x:\n    if y:\n        break\nelse:\n    z\n", "exec", 0, 0),
    ("for i in [1, 2, 3]:\n    if i in [4, 5] or i not in {6, 7}:\n        pass\n", "exec", 0, 0),
    ("x = 1 if a and not b or c else 2\ny = a < b < c\nif a < b < c: pass\n", "exec", 0, 0),
    ("f(*a, **b)\nf(1, *a, 2, k=3, **b, m=4)\nf(a, b=c)\no.m(a, b=c)\n", "exec", 0, 0),
    ("x = [1, 2, 3]\ny = (1, 2, *a)\nz = {1, 2, 3}\nw = {'a': 1, 'b': 2, **c}\n", "exec", 0, 0),
    ("a, *b, c = d\n(e, f), g = h\n[i, j] = k\n", "exec", 0, 0),
    ("s = f'{a!r:>{w}} {b=} {c!s}'\nt = '%s and %r' % (a, b)\n", "exec", 0, 0),
    ("import a.b.c\nimport d.e as f\nfrom . import g\nfrom ..h import i as j, k\nfrom l import *\n", "exec", 0, 0),
    ("assert x, 'msg'\nassert y\n", "exec", 0, 0),
    ("assert x, 'msg'\nif __debug__:\n    y\n", "exec", 1, 0),
    ("global g\ng = 1\n", "exec", 0, 0),
    ("match p:\n    case [1, *rest] if rest:\n        pass\n    case {'k': v, **kw}:\n        pass\n    case Point(x=0, y=yy) | Point(yy, 0):\n        pass\n    case str() | None:\n        pass\n    case [a, b, *_, c]:\n        pass\n    case _:\n        pass\n", "exec", 0, 0),
    ("x = 2 ** 10 + (1 << 4) - ~5 // 2 % 3\ny = 'ab' * 3 + 'c'\nz = (1, 2) + (3,)\nw = -0.0, 1j + 2, 'abc'[1]\n", "exec", 0, 0),
    ("from __future__ import annotations\ndef f(a: List[int], *b: 'x', **c: a.b) -> lambda: 1:\n    x: Dict[str, int] = {}\n", "exec", 0, 0),
    ("def f(a: int) -> str:\n    pass\nx: int\ny.z: str = 1\n", "exec", 0, FUTURE_ANNOTATIONS),
    ("x = 1; x; print(x)\n", "single", 0, 0),
    ("a + b * c", "eval", 0, 0),
    ("lambda: (yield)", "eval", 0, 0),
    ("def f():\n    x = 1\n    def g():\n        return x\n    del x\n    return g\n", "exec", 0, 0),
    ("class A:\n    def f(self):\n        def g():\n            return __class__\n        return g\n", "exec", 0, 0),
    ("def f(a, b):\n    a, b = b, a\n    a, a = b, a\n    return a\n", "exec", 0, 0),
    ("x = a if b else c\ny = [i for i in range(10) if i % 2 if i % 3]\n", "exec", 0, 0),
    ("def f():\n    return\n    x = 1\n", "exec", 0, 0),
    ("with a, b as (c, d):\n    pass\n", "exec", 0, 0),
    ("def f(x):\n    return x is None, x is not None, not x in y\n", "exec", 0, 0),
    ("print(" + ", ".join(str(i) for i in range(40)) + ")\n", "exec", 0, 0),
    ("x = [" + ", ".join(f"a{i}" for i in range(40)) + "]\n", "exec", 0, 0),
    ("d = {" + ", ".join(f"'k{i}': v{i}" for i in range(20)) + "}\n", "exec", 0, 0),
    ("x = " + " + ".join(f"f'{{a{i}}}'" for i in range(5)) + "\n", "exec", 0, 0),
    ("def f():\n    " + "\n    ".join(f"v{i} = {i}" for i in range(300)) + "\n    return v299\n", "exec", 0, 0),
    ("def f(x):\n    while x:\n        " + "\n        ".join(f"x = x.m{i % 50}({i})" for i in range(120)) + "\n    return x\n", "exec", 0, 0),
    ("async for x in y:\n    pass\nasync with a as b:\n    pass\n", "exec", 0, TOP_LEVEL_AWAIT),
    ("from __future__ import annotations\n"
     "x: lambda a, /, b=1, *c, d, e=2, **f: a + b\n"
     "y: f\"{a!r:>{w}} {b=} {{lit}} {c:{d}}\" = 1\n"
     "z: [a for b in c if d] = {a: b for c, d in e}\n"
     "v: (a, b, *c) = a[1:2, ::3, ...]\n"
     "t: -1 ** 2 + (not a) - ~b * (c if d else e) = 1\n"
     "s: 1e400 + 1j * 1e400 - (1).real = u'abc' + b'x'\n"
     "o: a < b <= c != d is not e not in f = a and b or not c and (d or e)\n"
     "l: f(a, *b, c=d, **e)(x for x in y) = {1, 2, *a} | {**b, 'c': 3}\n"
     "def g(a: int = 1, *args: *Ts, b: 'str', **kw: dict[str, int]) -> Callable[..., None]: pass\n", "exec", 0, 0),
    ("def f():\n    try:\n        pass\n    finally:\n        match c:\n            case 1 | 2:\n                pass\n            case _:\n                pass\n", "exec", 0, 0),
    ("x = 1e300 * 1e300 * 0, -1e300 * 1e300 * 0\n", "exec", 0, 0),
    # float reprs where two shortest strings are equally near: the even one
    ("x = 2.0 ** -25, 1836218942582016.25, 1836218942582016.25j, -2.0 ** -25 + 5e-324\n", "exec", 0, 0),
    ("from __future__ import annotations\nx: 1836218942582016.25 + 1836218942582016.25j\n", "exec", 0, 0),
]

ERROR_CASES = [
    "return 1\n",
    "class C:\n    return\n",
    "x = 1\nif x:\n    break\n",
    "continue\n",
    "await x\n",
    "def f():\n    await x\n",
    "yield 1\n",
    "async def f():\n    yield from x\n",
    "async def f():\n    yield 1\n    return 2\n",
    "a, *b, *c = x\n",
    "*a = 1\n",
    "x = *a\n",
    "def f():\n    return [x async for x in y]\n",
    "try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n",
    "f(a=1, b=2, a=3)\n",
    "__debug__ = 1\n",
    "del __debug__\n",
    "def f(__debug__): pass\n",
    "def f():\n    async for x in y: pass\n",
    "def f():\n    async with x: pass\n",
    "for x in y:\n    try:\n        pass\n    except* E:\n        break\n",
    "match x:\n    case [a, a]: pass\n",
    "match x:\n    case [a] | [b]: pass\n",
    "match x:\n    case _: pass\n    case 1: pass\n",
    "match x:\n    case y: pass\n    case 1: pass\n",
    "match x:\n    case {1: a, 1.0: b}: pass\n",
    "match x:\n    case C(a=1, a=2): pass\n",
    "import os\nfrom __future__ import annotations\n",
    "from __future__ import braces\n",
    "from __future__ import nope\n",
    "".join("    " * i + "for x%d in y:\n" % i for i in range(21)) + "    " * 21 + "pass\n",
    "from __future__ import annotations\ndef f(x: (yield)): pass\n",
    "def f(x: (yield)): pass\n",
]

# Sources whose compile() warnings (parser and compiler) are compared, also
# when compile() then fails.
WARNING_CASES = [
    'x = "\\q", b"\\q", f"\\q{x}", "\\8"\ny = "\\777"\n',
    # A backslash before a non-ASCII character is no invalid escape in 3.11.
    'x = "\\\u041f"\ny = f"\\\u041f{x}"\nz = "\\\u00e9\\q"\n',
    "x is 1\nassert (x, 'msg')\n(1, 2)(3)\n[1][x, y]\n",
    # Warnings issued before a SyntaxError are kept; the parser's second
    # (error) pass does not warn again.
    'x = "\\q" "\\w"\nz = "\\e"\ny = 1 +\n',
    'x = f"\\q{x}"\nf(a for a in b, c)\n',
    'y = 1 +\nx = "\\q"\n',
    'x = "\\q"\nx is 1\nbreak\n',
]


def warnings_of(src):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            compile(src, "<test>", "exec", dont_inherit=True)
        except SyntaxError:
            pass
    return [(w.category.__name__, w.lineno, str(w.message)) for w in caught]


def rust_str(s):
    out = ['"']
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            out.append(f"\\u{{{ord(ch):x}}}")
    out.append('"')
    return "".join(out)


def dump(src, mode, optimize, flags):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        co = compile(src, "<test>", mode, flags=flags, dont_inherit=True, optimize=optimize)
    out = []
    dump_code.dump(co, out)
    return "\n".join(out) + "\n"


def main():
    print("// Generated by tests/compiler/gen_compile_tests.py from CPython's compile(). Do not edit.")
    print()
    print("#![allow(clippy::type_complexity)]")
    print()
    print("/// (source, mode, optimize, flags, dump_code of CPython's code object)")
    print("pub const CASES: &[(&str, &str, u8, u32, &str)] = &[")
    for src, mode, optimize, flags in CASES:
        print(f"    ({rust_str(src)}, {rust_str(mode)}, {optimize}, {flags}, {rust_str(dump(src, mode, optimize, flags))}),")
    print("];")
    print()
    import dis
    import opcode
    print("/// (opcode, oparg, jump, dis.stack_effect) for every unspecialized opcode")
    print("pub const STACK_EFFECTS: &[(u8, i32, Option<bool>, Option<i32>)] = &[")
    for name, op in sorted(opcode.opmap.items(), key=lambda kv: kv[1]):
        for arg in ([0, 1, 2, 3, 5, 0x105] if op >= opcode.HAVE_ARGUMENT else [None]):
            for jump in (None, True, False):
                try:
                    e = dis.stack_effect(op, arg, jump=jump)
                except ValueError:
                    e = None
                j = "None" if jump is None else f"Some({str(jump).lower()})"
                ev = "None" if e is None else f"Some({e})"
                print(f"    ({op}, {0 if arg is None else arg}, {j}, {ev}),")
    print("];")
    print()
    print("/// (source, message, lineno, offset, end_lineno, end_offset)")
    print("pub const ERRORS: &[(&str, &str, i64, i64, i64, Option<i64>)] = &[")
    for src in ERROR_CASES:
        try:
            compile(src, "<test>", "exec", dont_inherit=True)
        except SyntaxError as e:
            end = "None" if e.end_offset is None else f"Some({e.end_offset})"
            print(f"    ({rust_str(src)}, {rust_str(e.msg)}, {e.lineno}, {e.offset}, {e.end_lineno}, {end}),")
        else:
            sys.exit(f"no error for {src!r}")
    print("];")
    print()
    print("/// (source, [(category, lineno, message)] of its compile() warnings)")
    print("pub const WARNINGS: &[(&str, &[(&str, u32, &str)])] = &[")
    for src in WARNING_CASES:
        ws = ", ".join(f"({rust_str(c)}, {n}, {rust_str(m)})" for c, n, m in warnings_of(src))
        print(f"    ({rust_str(src)}, &[{ws}]),")
    print("];")


main()

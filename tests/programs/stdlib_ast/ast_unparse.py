# ast.unparse round trips: unparse(parse(s)) parses back to the same tree,
# on snippets and on whole modules of the standard library.
import ast
import sys

SNIPPETS = [
    "x = (1, 2)\ny = [*a, *b]\nz = {**c, 'd': 1}",
    "def f(a, b=1, /, c=2, *d, e, f=3, **g) -> 'r':\n    return lambda x, *y, **z: (x, y, z)",
    "async def g():\n    async for a in b:\n        await c\n    async with d as e:\n        yield f\n    return [i async for i in j]",
    "class C(A, B, metaclass=M):\n    '''doc'''\n    @property\n    def p(self):\n        return self._p",
    "try:\n    pass\nexcept E as e:\n    raise F from e\nexcept:\n    raise\nelse:\n    pass\nfinally:\n    pass",
    "try:\n    pass\nexcept* E:\n    pass",
    "with a as b, c as (d, e):\n    pass",
    "match x:\n    case [1, 2, *rest] if rest:\n        pass\n    case {'a': 1, **kw}:\n        pass\n    case Point(x=0) | Point(y=0):\n        pass\n    case (a as b):\n        pass\n    case _:\n        pass",
    "print(f'{a!r:>10} {b=} {c:{d}} {{x}}')",
    "x = a if b else c if d else e",
    "y = not a and (b or c) and -d ** -e",
    "z = (yield)",
    "w = a[1:2, ::3, ...]",
    "del a[0], b.c",
    "global g\nnonlocal_ = 1",
    "assert x, 'message'",
    "import a.b.c as d\nfrom ... import e\nfrom .f import (g, h as i)",
    "s = 'a\\nb' 'c'\nb = b'\\x00\\xff'\nr = r'\\d'\nu = '\\u00e9\\U0001f600'",
    "n = 1_000_000 + 0x_ff + 0o17 + 0b101 + 1.5e-3 + 3j + 1e400",
    "(x := 5)\nprint((y := 6))",
    "lambda: (yield)",
    "for i, (j, k) in enumerate(z):\n    continue\nelse:\n    break",
    "while True:\n    if a:\n        pass\n    elif b:\n        pass\n    else:\n        pass",
    "a: int = 1\nb: 'str'\n(c): int = 2",
    "x @= y; x //= 2; x **= 3; x >>= 1; x <<= 2; x ^= 3; x |= 4; x &= 5; x %= 6",
    "f(*args, **kwargs)\nf(a for a in b)\nf(x=1, *y)",
    "{x: y for x, y in z if x}\n{a for b in c for a in b}\n(a for b in c)",
    "a < b <= c == d != e > f >= g is h is not i in j not in k",
    "~a; +b; -c; not d",
    "@dec.attr(1)\n@other\nasync def f():\n    pass",
]

for s in SNIPPETS:
    tree = ast.parse(s)
    out = ast.unparse(tree)
    same = ast.dump(ast.parse(out)) == ast.dump(tree)
    print(same, repr(out))

lib = ast.__file__.rsplit('/', 1)[0]
for name in ['colorsys.py', 'textwrap.py', 'fnmatch.py', 'bisect.py', 'heapq.py', 'keyword.py', 'ast.py', 'dataclasses.py']:
    with open(lib + '/' + name, encoding='utf-8') as f:
        text = f.read()
    tree = ast.parse(text)
    out = ast.unparse(tree)
    back = ast.parse(out)
    nodes = sum(1 for _ in ast.walk(tree))
    print(name, nodes, len(out), ast.dump(back) == ast.dump(tree), out.splitlines()[0][:60])
    compile(tree, name, 'exec')

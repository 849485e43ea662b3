# compile() of parsed, hand-built and rewritten trees; a minimal walker
# written with _ast only (no ast module).
import _ast

ONLY_AST = _ast.PyCF_ONLY_AST


def fields(node):
    for name in node._fields:
        try:
            yield name, getattr(node, name)
        except AttributeError:
            pass


def dump(node):
    if isinstance(node, _ast.AST):
        args = []
        for name, value in fields(node):
            args.append('%s=%s' % (name, dump(value)))
        return '%s(%s)' % (type(node).__name__, ', '.join(args))
    if isinstance(node, list):
        return '[%s]' % ', '.join(dump(x) for x in node)
    return repr(node)


def positions(node, out):
    if isinstance(node, _ast.AST):
        if 'lineno' in node._attributes:
            out.append((type(node).__name__, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset))
        for _, value in fields(node):
            positions(value, out)
    elif isinstance(node, list):
        for x in node:
            positions(x, out)
    return out


SOURCES = [
    "x = 1\n",
    "def f(a, /, b=2, *args, c, d=4, **kw) -> int:\n    'doc'\n    return a + b\n",
    "async def g():\n    async with a as b, c:\n        await d\n    async for i in e:\n        yield i\n",
    "class C(B, metaclass=M):\n    x: int = 3\n    y: str\n",
    "for i in range(3):\n    pass\nelse:\n    break_ = 1\n",
    "while x:\n    continue\n",
    "try:\n    pass\nexcept (A, B) as e:\n    raise X from e\nelse:\n    pass\nfinally:\n    del a, b[1], c.d\n",
    "try:\n    pass\nexcept* ValueError:\n    pass\n",
    "with open(f) as (a, b):\n    pass\n",
    "import a.b as c, d\nfrom .. import e\nfrom f import (g as h, i)\n",
    "global x\nnonlocal_ = lambda: (yield)\n",
    "assert x, 'msg'\n",
    "x += 1; y @= 2; z //= 3; w **= 4\n",
    "print(f'{a!r:>{width}} {b=} {{}}')\n",
    "{**a, 'b': 1}; {1, 2}; [*a, *b]; (a, *b)\n",
    "[x for x in y if x for z in w]; {k: v for k, v in d}; {s for s in t}; (g for g in h)\n",
    "a if b else c; not a; -b; ~c; +d; a and b or c; a < b <= c != d is not e in f not in g\n",
    "a[1:2, ::3, ...]; a.b.c; f(*args, key=1, **kw)\n",
    "(x := 10); 0x1F; 1_000; 1.5e3; 2j; b'\\x00'; 'a' 'b'; u'x'; None; True; ...\n",
    "match p:\n    case 1 | 2: pass\n    case [a, *rest]: pass\n    case {'k': v, **kw}: pass\n    case Point(x=0, y=yy) if yy: pass\n    case str() as s: pass\n    case None: pass\n    case -1+2j: pass\n    case _: pass\n",
    "@dec\n@dec2(1)\ndef h(): pass\n",
]

for src in SOURCES:
    tree = compile(src, '<src>', 'exec', ONLY_AST)
    print(dump(tree))
    print(positions(tree, [])[:6])
    compile(tree, '<tree>', 'exec')

print(dump(compile('a + 1', '<e>', 'eval', ONLY_AST)))
print(dump(compile('a = 1', '<i>', 'single', ONLY_AST)))
print(dump(compile('"\\ud800" + "é" + "\\U0001F600"', '<e>', 'eval', ONLY_AST)))
print(dump(compile('12345678901234567890123 * 1e400', '<e>', 'eval', ONLY_AST)))

# Evaluate compiled trees.
code = compile(compile('[i * i for i in range(5)]', '<e>', 'eval', ONLY_AST), '<e>', 'eval')
print(eval(code))
ns = {}
exec(compile(compile('def f(x):\n    return x * 2\ny = f(21)\n', '<m>', 'exec', ONLY_AST), '<m>', 'exec'), ns)
print(ns['y'])
exec(compile(compile('z = 5', '<i>', 'single', ONLY_AST), '<i>', 'single'), ns)
print(ns['z'])


# A hand-written transformer: every integer constant is doubled, names
# renamed, then compiled and run.
def transform(node):
    if isinstance(node, _ast.Constant) and type(node.value) is int:
        node.value *= 2
    if isinstance(node, _ast.Name) and node.id == 'old':
        node.id = 'new'
    for name, value in fields(node):
        if isinstance(value, _ast.AST):
            transform(value)
        elif isinstance(value, list):
            for x in value:
                if isinstance(x, _ast.AST):
                    transform(x)
    return node


tree = transform(compile('old = 20\nresult = old + 1\n', '<t>', 'exec', ONLY_AST))
ns = {}
exec(compile(tree, '<t>', 'exec'), ns)
print(ns['new'], ns['result'])

# Built by hand, with positions.
L = dict(lineno=1, col_offset=0)
call = _ast.Call(_ast.Name('print', _ast.Load(), **L), [_ast.Constant('hand-built', **L), _ast.Constant(42, **L)], [
    _ast.keyword('sep', _ast.Constant(' | ', **L), **L)], **L)
mod = _ast.Module([_ast.Expr(call, **L)], [])
exec(compile(mod, '<hand>', 'exec'))
code = compile(mod, '<hand>', 'exec')
print(code.co_filename, code.co_consts)

# A tuple constant compiles as its value.
expr = _ast.Expression(_ast.Constant((1, 'two', (3.0, None)), **L))
print(eval(compile(expr, '<c>', 'eval')))

# Interactive and positions without end positions.
inter = _ast.Interactive([_ast.Expr(_ast.BinOp(_ast.Constant(6, **L), _ast.Mult(), _ast.Constant(7, **L), **L), **L)])
exec(compile(inter, '<single>', 'single'))

# CPython's errors for trees that cannot be compiled.
import _ast as a

L = dict(lineno=1, col_offset=0)


def M(*stmts):
    return a.Module(body=list(stmts), type_ignores=[])


def n(id, ctx=a.Load):
    return a.Name(id, ctx(), **L)


def c(v):
    return a.Constant(v, **L)


def E(e):
    return a.Expr(e, **L)


def P(p):
    return M(a.Match(n('s'), [a.match_case(p, None, [a.Pass(**L)])], **L))


PL = dict(lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)

CASES = [
    ("no lineno", lambda: M(a.Pass())),
    ("no type_ignores", lambda: a.Module(body=[a.Pass(**L)])),
    ("body not list", lambda: a.Module(body=a.Pass(**L), type_ignores=[])),
    ("body item int", lambda: M(3)),
    ("body item None", lambda: M(None)),
    ("store ctx", lambda: M(E(n('x', a.Store)))),
    ("id None", lambda: M(E(a.Name(None, a.Load(), **L)))),
    ("id int", lambda: M(E(a.Name(3, a.Load(), **L)))),
    ("ctx int", lambda: M(E(a.Name('x', 3, **L)))),
    ("no ctx", lambda: M(E(a.Name('x', **L)))),
    ("const no lineno", lambda: M(E(a.Constant(1)))),
    ("const list", lambda: M(E(c([1])))),
    ("const nested", lambda: M(E(c((1, {2: 3}))))),
    ("lineno str", lambda: M(E(a.Constant(1, lineno='a', col_offset=0)))),
    ("lineno huge", lambda: M(E(a.Constant(1, lineno=1 << 40, col_offset=0)))),
    ("line range", lambda: M(E(a.Constant(1, lineno=2, col_offset=0, end_lineno=1)))),
    ("col range", lambda: M(E(a.Constant(1, lineno=1, col_offset=5, end_lineno=1, end_col_offset=2)))),
    ("neg col", lambda: M(E(a.Constant(1, lineno=1, col_offset=-5, end_lineno=1, end_col_offset=2)))),
    ("empty if", lambda: M(a.If(c(1), [], [], **L))),
    ("empty def body", lambda: M(a.FunctionDef('f', a.arguments([], [], None, [], [], None, []), [], [], **L))),
    ("empty targets", lambda: M(a.Assign([], c(1), **L))),
    ("assign to const", lambda: M(a.Assign([c(1)], c(1), **L))),
    ("del load", lambda: M(a.Delete([n('x')], **L))),
    ("aug load", lambda: M(a.AugAssign(n('x'), a.Add(), c(1), **L))),
    ("op class", lambda: M(E(a.BinOp(n('x'), a.Add, n('y'), **L)))),
    ("op wrong", lambda: M(E(a.BinOp(n('x'), 'plus', n('y'), **L)))),
    ("cmp None", lambda: M(E(a.Compare(n('a'), [None], [n('b')], **L)))),
    ("cmp empty", lambda: M(E(a.Compare(n('a'), [], [], **L)))),
    ("cmp lengths", lambda: M(E(a.Compare(n('a'), [a.Lt(), a.Gt()], [n('b')], **L)))),
    ("boolop one", lambda: M(E(a.BoolOp(a.And(), [n('a')], **L)))),
    ("dict lengths", lambda: M(E(a.Dict([c(1)], [], **L)))),
    ("keyword None", lambda: M(E(a.Call(n('f'), [], [None], **L)))),
    ("listcomp no gens", lambda: M(E(a.ListComp(n('x'), [], **L)))),
    ("namedexpr attr", lambda: M(E(a.NamedExpr(a.Attribute(n('a'), 'b', a.Store(), **L), c(1), **L)))),
    ("name None const", lambda: M(E(n('None')))),
    ("name True const", lambda: M(E(n('True')))),
    ("kind int", lambda: M(E(a.Constant(1, kind=3, **L)))),
    ("import empty", lambda: M(a.Import([], **L))),
    ("importfrom negative", lambda: M(a.ImportFrom('x', [a.alias('y', **L)], -1, **L))),
    ("alias no lineno", lambda: M(a.ImportFrom('x', [a.alias('y')], 0, **L))),
    ("global empty", lambda: M(a.Global([], **L))),
    ("raise cause only", lambda: M(a.Raise(None, n('e'), **L))),
    ("try nothing", lambda: M(a.Try([a.Pass(**L)], [], [], [], **L))),
    ("try orelse", lambda: M(a.Try([a.Pass(**L)], [], [a.Pass(**L)], [a.Pass(**L)], **L))),
    ("trystar nothing", lambda: M(a.TryStar([a.Pass(**L)], [], [], [], **L))),
    ("with empty", lambda: M(a.With([], [a.Pass(**L)], **L))),
    ("annassign simple", lambda: M(a.AnnAssign(a.Attribute(n('a'), 'b', a.Store(), **L), n('int'), None, 1, **L))),
    ("defaults", lambda: M(a.FunctionDef('f', a.arguments([], [], None, [], [], None, [c(1)]), [a.Pass(**L)], [], **L))),
    ("kw_defaults", lambda: M(a.FunctionDef('f', a.arguments([], [], None, [a.arg('k', **L)], [], None, []), [a.Pass(**L)], [], **L))),
    ("arguments None", lambda: M(a.FunctionDef('f', None, [a.Pass(**L)], [], **L))),
    ("starred here", lambda: M(E(a.Starred(n('x'), a.Load(), **L)))),
    ("return outside", lambda: M(a.Return(n('x'), **L))),
    ("yield outside", lambda: M(E(a.Yield(**L)))),
    ("pattern no end", lambda: P(a.MatchAs(None, 'x', **L))),
    ("pattern _ capture", lambda: P(a.MatchAs(None, '_', **PL))),
    ("pattern as no name", lambda: P(a.MatchAs(a.MatchAs(None, 'x', **PL), None, **PL))),
    ("pattern star", lambda: P(a.MatchStar('x', **PL))),
    ("pattern or one", lambda: P(a.MatchOr([a.MatchAs(None, 'x', **PL)], **PL))),
    ("pattern singleton", lambda: P(a.MatchSingleton(1, **PL))),
    ("pattern value", lambda: P(a.MatchValue(n('x'), **PL))),
    ("pattern const", lambda: P(a.MatchValue(c(None), **PL))),
    ("pattern class", lambda: P(a.MatchClass(c(1), [], [], [], **PL))),
    ("pattern mapping", lambda: P(a.MatchMapping([c(1)], [], None, **PL))),
    ("match empty", lambda: M(a.Match(n('s'), [], **L))),
    ("wrong mod", lambda: a.Expression(c(1))),
    ("not a node", lambda: a.Name('x', a.Load(), **L)),
    ("int source", lambda: 3),
]

for name, make in CASES:
    try:
        tree = make()
        compile(tree, '<bad>', 'exec')
    except Exception as e:
        print(name, '->', type(e).__name__, e)
    else:
        print(name, '-> compiled')

for mode, tree in [('eval', a.Expression(c(1))), ('single', a.Interactive([E(c(1))])), ('eval', M()),
                   ('func_type', a.FunctionType([], n('int'))), ('bogus', M())]:
    try:
        compile(tree, '<m>', mode)
        print(mode, 'ok')
    except Exception as e:
        print(mode, '->', type(e).__name__, e)

for flags in (0x1, 0x100, 0x800, 0x20000):
    try:
        compile('x', '<f>', 'exec', flags)
        print(hex(flags), 'ok')
    except Exception as e:
        print(hex(flags), '->', type(e).__name__, e)
for bad in (lambda: compile('x', '<f>', 'exec', optimize=3), lambda: compile('x', '<f>', 'func_type'),
            lambda: compile('x', '<f>', 'bogus', a.PyCF_ONLY_AST), lambda: exec(M()), lambda: eval(a.Expression(c(1)))):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# Deep trees: a RecursionError, not a crash.
e = c(1)
for i in range(100000):
    e = a.UnaryOp(a.Not(), e, **L)
try:
    compile(a.Expression(e), '<deep>', 'eval')
except RecursionError as err:
    print('RecursionError', err)

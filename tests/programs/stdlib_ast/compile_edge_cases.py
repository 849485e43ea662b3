# Hand-built trees at the edges: what the validator lets through, what the
# compiler then rejects (SyntaxError/SystemError), and what runs.
import _ast as a
L = dict(lineno=1, col_offset=0)
def n(i, c=a.Load): return a.Name(i, c(), **L)
def c(v): return a.Constant(v, **L)
def E(e): return a.Expr(e, **L)
def M(*s): return a.Module(list(s), [])
args0 = a.arguments([], [], None, [], [], None, [])
cases = {
 'slice expr': M(E(a.Slice(c(1), None, None, **L))),
 'starred assign value': M(a.Assign([n('x', a.Store)], a.Starred(n('y'), a.Load(), **L), **L)),
 'starred store alone': M(a.Assign([a.Starred(n('x', a.Store), a.Store(), **L)], c(1), **L)),
 'two starred store': M(a.Assign([a.Tuple([a.Starred(n('x', a.Store), a.Store(), **L), a.Starred(n('y', a.Store), a.Store(), **L)], a.Store(), **L)], c(1), **L)),
 'await outside': M(E(a.Await(n('x'), **L))),
 'yield in class': M(a.ClassDef('C', [], [], [E(a.Yield(None, **L))], [], **L)),
 'break outside': M(a.Break(**L)),
 'continue outside': M(a.Continue(**L)),
 'nonlocal module': M(a.Nonlocal(['x'], **L)),
 'return in class': M(a.ClassDef('C', [], [], [a.Return(None, **L)], [], **L)),
 'dup arg': M(a.FunctionDef('f', a.arguments([], [a.arg('x', **L), a.arg('x', **L)], None, [], [], None, []), [a.Pass(**L)], [], **L)),
 'keyword dup': M(E(a.Call(n('f'), [], [a.keyword('x', c(1), **L), a.keyword('x', c(2), **L)], **L))),
 'fstring nonstr': M(E(a.JoinedStr([c(1), n('x')], **L))),
 'formatted conv': M(E(a.FormattedValue(n('x'), 999, None, **L))),
 'formatted spec const': M(E(a.FormattedValue(n('x'), -1, c(5), **L))),
 'annassign tuple': M(a.AnnAssign(a.Tuple([], a.Store(), **L), n('int'), None, 0, **L)),
 'import star in func': M(a.FunctionDef('f', args0, [a.ImportFrom('m', [a.alias('*', **L)], 0, **L)], [], **L)),
 'future late': M(a.Pass(**L), a.ImportFrom('__future__', [a.alias('annotations', **L)], 0, **L)),
 'future bogus': M(a.ImportFrom('__future__', [a.alias('braces', **L)], 0, **L)),
 'global after use': M(a.FunctionDef('f', args0, [E(n('x')), a.Global(['x'], **L)], [], **L)),
 'match star twice': M(a.Match(n('s'), [a.match_case(a.MatchSequence([a.MatchStar('a', lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), a.MatchStar('b', lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), None, [a.Pass(**L)])], **L)),
 'match value attr': M(a.Match(n('s'), [a.match_case(a.MatchValue(a.Attribute(n('a'), 'b', a.Load(), **L), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), None, [a.Pass(**L)])], **L)),
 'match value binop': M(a.Match(n('s'), [a.match_case(a.MatchValue(a.BinOp(c(1), a.Add(), c(2), **L), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), None, [a.Pass(**L)])], **L)),
 'match value fstr': M(a.Match(n('s'), [a.match_case(a.MatchValue(a.JoinedStr([c('a')], **L), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), None, [a.Pass(**L)])], **L)),
 'match mapping dup': M(a.Match(n('s'), [a.match_case(a.MatchMapping([c(1), c(1)], [a.MatchAs(None, 'x', lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), a.MatchAs(None, 'y', lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], None, lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), None, [a.Pass(**L)])], **L)),
 'match capture twice': M(a.Match(n('s'), [a.match_case(a.MatchSequence([a.MatchAs(None, 'x', lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), a.MatchAs(None, 'x', lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), None, [a.Pass(**L)])], **L)),
 'match or diff names': M(a.Match(n('s'), [a.match_case(a.MatchOr([a.MatchAs(None, 'x', lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), a.MatchAs(None, 'y', lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), None, [a.Pass(**L)])], **L)),
 'irrefutable not last': M(a.Match(n('s'), [a.match_case(a.MatchAs(None, 'x', lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), None, [a.Pass(**L)]), a.match_case(a.MatchAs(None, 'y', lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), None, [a.Pass(**L)])], **L)),
 'lambda body stmt-like': M(E(a.Lambda(args0, a.Yield(None, **L), **L))),
 'comprehension await': M(E(a.ListComp(n('x'), [a.comprehension(n('x', a.Store), n('y'), [], 1)], **L))),
 'dict star none': M(E(a.Dict([None], [n('x')], **L))),
 'set empty': M(E(a.Set([], **L))),
 'ann module nonname simple0': M(a.AnnAssign(a.Attribute(n('a'), 'b', a.Store(), **L), n('int'), c(1), 0, **L)),
 'with items tuple store': M(a.With([a.withitem(n('a'), a.Tuple([n('b', a.Store), n('c', a.Store)], a.Store(), **L))], [a.Pass(**L)], **L)),
 'del starred': M(a.Delete([a.Starred(n('x', a.Del), a.Del(), **L)], **L)),
 'huge int const': M(E(c(10**5000))),
 'neg lineno': M(E(a.Constant(1, lineno=-5, col_offset=-1, end_lineno=-5, end_col_offset=-1))),
 'ctx store in load list': M(E(a.List([n('x', a.Store)], a.Load(), **L))),
 'starred in call ok': M(E(a.Call(n('print'), [a.Starred(a.List([c(1)], a.Load(), **L), a.Load(), **L)], [], **L))),
 'keyword none value **': M(E(a.Call(n('print'), [], [a.keyword(None, a.Dict([], [], **L), **L)], **L))),
 'interactive multi': a.Interactive([E(c(1)), E(c(2))]),
 'try star empty handlers finally': M(a.TryStar([a.Pass(**L)], [], [], [a.Pass(**L)], **L)),
 'except star bare': M(a.TryStar([a.Pass(**L)], [a.ExceptHandler(None, None, [a.Pass(**L)], **L)], [], [], **L)),
 'return value in async gen': M(a.AsyncFunctionDef('f', args0, [E(a.Yield(None, **L)), a.Return(c(1), **L)], [], **L)),
 'class named None ident': M(a.ClassDef('None', [], [], [a.Pass(**L)], [], **L)),
 'attr named None': M(E(a.Attribute(n('x'), 'None', a.Load(), **L))),
 'import name empty': M(a.Import([a.alias('', **L)], **L)),
 'string with surrogates': M(E(c('\ud800'))),
 'bytes kind': M(E(a.Constant(b'x', kind='u', **L))),
}
for name, tree in cases.items():
    mode = 'single' if isinstance(tree, a.Interactive) else 'exec'
    try:
        co = compile(tree, '<f>', mode)
        r = 'compiled'
        try:
            exec(co, {})
        except Exception as e:
            r += ' / runs: %s' % type(e).__name__
    except Exception as e:
        r = '%s: %s' % (type(e).__name__, e)
    print(name, '->', r)

PL = dict(lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)


def test(v):
    m = a.Module([a.Match(n('s'), [a.match_case(a.MatchValue(v, **PL), None, [a.Pass(**L)])], **L)], [])
    try: compile(m, 'f', 'exec'); return 'ok'
    except Exception as e: return '%s: %s' % (type(e).__name__, e)
for label, v in [('1+2', a.BinOp(c(1), a.Add(), c(2), **L)), ('1+2j', a.BinOp(c(1), a.Add(), c(2j), **L)),
    ('-1+2j', a.BinOp(a.UnaryOp(a.USub(), c(1), **L), a.Add(), c(2j), **L)), ('1-2j', a.BinOp(c(1), a.Sub(), c(2j), **L)),
    ('1j+2j', a.BinOp(c(1j), a.Add(), c(2j), **L)), ('1.5+2j', a.BinOp(c(1.5), a.Add(), c(2j), **L)),
    ('-1', a.UnaryOp(a.USub(), c(1), **L)), ('-1j', a.UnaryOp(a.USub(), c(1j), **L)), ('-x', a.UnaryOp(a.USub(), n('x'), **L)),
    ('-"s"', a.UnaryOp(a.USub(), c('s'), **L)), ('+1', a.UnaryOp(a.UAdd(), c(1), **L)), ('--1', a.UnaryOp(a.USub(), a.UnaryOp(a.USub(), c(1), **L), **L)),
    ('x+1j', a.BinOp(n('x'), a.Add(), c(1j), **L)), ('(1+2j)+3j', a.BinOp(a.BinOp(c(1), a.Add(), c(2j), **L), a.Add(), c(3j), **L)),
    ('f"a"', a.JoinedStr([c('a')], **L)), ('f"{x}"', a.JoinedStr([a.FormattedValue(n('x'), -1, None, **L)], **L)),
    ('True', c(True)), ('None', c(None)), ('...', c(...)), ('b""', c(b''))]:
    print(label, '->', test(v))

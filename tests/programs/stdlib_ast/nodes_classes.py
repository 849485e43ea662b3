# The node classes of _ast: hierarchy, _fields, _attributes, defaults,
# constructor rules and messages, __reduce__, singletons of parsed trees.
import _ast

names = sorted(k for k in dir(_ast) if not k.startswith('__'))
print(len(names))
print(names)
for flag in ('PyCF_ONLY_AST', 'PyCF_TYPE_COMMENTS', 'PyCF_ALLOW_TOP_LEVEL_AWAIT'):
    print(flag, getattr(_ast, flag))

for name in names:
    cls = getattr(_ast, name)
    if not isinstance(cls, type):
        continue
    print(name, cls.__base__.__name__, cls.__module__, cls._fields, cls.__match_args__,
          getattr(cls, '_attributes', None),
          sorted(k for k, v in vars(cls).items() if v is None and k != '__doc__'))
    print('   ', repr(cls.__doc__))

print(_ast.AST.__mro__)
print(_ast.AST._fields, _ast.AST._attributes)


def attempt(f):
    try:
        r = f()
    except Exception as e:
        print(' ', type(e).__name__, e)
    else:
        print(' ', r)


n = _ast.Name('x', _ast.Load(), lineno=3, col_offset=4)
print(n.id, type(n.ctx).__name__, n.lineno, n.col_offset, n.end_lineno, n.end_col_offset)
print(sorted(vars(n).items(), key=lambda kv: kv[0])[0])
attempt(lambda: _ast.Name('a', 'b', 'c'))
attempt(lambda: _ast.Name('a', id='b'))
attempt(lambda: _ast.Load(1))
attempt(lambda: _ast.AST(1))
attempt(lambda: _ast.Pass(1))
attempt(lambda: _ast.BinOp(1, 2, 3, 4))
attempt(lambda: _ast.Constant(1, 'u', 3))
attempt(lambda: _ast.Name().id)
attempt(lambda: _ast.FunctionDef().body)
attempt(lambda: _ast.FunctionDef().returns)
attempt(lambda: _ast.ImportFrom().level)
attempt(lambda: _ast.arg().annotation)
attempt(lambda: _ast.keyword().arg)
attempt(lambda: _ast.alias().asname)
attempt(lambda: _ast.MatchAs().name)
attempt(lambda: _ast.pattern.end_lineno)
attempt(lambda: _ast.Name(foo=1).foo)
print(_ast.Name('x').__reduce__()[0].__name__, _ast.Name('x').__reduce__()[1:])
print(_ast.Pass().__reduce__()[1:])
print(isinstance(_ast.Add(), _ast.operator), isinstance(_ast.Add(), _ast.AST))
print(_ast.Load() is _ast.Load())


class MyName(_ast.Name):
    _fields = ('id', 'ctx', 'extra')


m = MyName('a', _ast.Load(), 7)
print(m.extra, type(m).__mro__[1].__name__)

t1 = compile('a = b', '<s>', 'exec', _ast.PyCF_ONLY_AST)
t2 = compile('c + d', '<s>', 'eval', _ast.PyCF_ONLY_AST)
print(t1.body[0].targets[0].ctx is compile('e = 1', '<s>', 'exec', _ast.PyCF_ONLY_AST).body[0].targets[0].ctx)
print(t1.body[0].value.ctx is t2.body.left.ctx, t2.body.op is compile('1+1', '', 'eval', 0x400).body.op)
print(type(t1).__name__, type(t2).__name__, type(compile('x', '', 'single', 0x400)).__name__)
print(compile(t1, '<s>', 'exec', _ast.PyCF_ONLY_AST) is t1)

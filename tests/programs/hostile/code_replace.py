import types
def f(a, b=1):
    c = a + b
    return c
co = f.__code__
print(co.co_nlocals, co.co_varnames, co.co_stacksize, co.co_flags)
tests = [
    dict(co_argcount=-1), dict(co_nlocals=-1), dict(co_stacksize=-1), dict(co_code=b'\x00'),
    dict(co_varnames=()), dict(co_names=(1,)), dict(co_varnames=(1, 2, 3)), dict(co_consts=5),
    dict(co_argcount=5), dict(co_posonlyargcount=3), dict(co_freevars=('x',)), dict(co_nlocals=1),
    dict(co_linetable=5), dict(co_filename=5), dict(co_flags=-1), dict(co_name=''), dict(bogus=1),
    dict(co_qualname=None), dict(co_exceptiontable='x'), dict(co_stacksize=2**40), dict(co_firstlineno=0),
    dict(co_consts=(None, 1, 'x', [1])),
]
for kw in tests:
    try:
        c2 = co.replace(**kw)
        print('ok', kw, c2.co_nlocals)
    except SystemError as e:
        print(type(e).__name__)  # the message names CPython's C source line
    except Exception as e:
        print(type(e).__name__, e)
try:
    types.CodeType(0, 0, 0, 0, 0, 0, b'', (), (), (), 'f', 'n', 'q', 1, b'', b'')
    print("empty ok")
except Exception as e:
    print(type(e).__name__, e)
try:
    types.CodeType()
except Exception as e:
    print(type(e).__name__, e)
print(co.replace(co_name='g').co_name, co.replace().co_code == co.co_code, co.replace() == co)
# A code object rebuilt field by field runs like the original.
def g(x, *args, y=2, **kw):
    z = x + y
    def inner():
        return z
    return inner(), args, kw
c = g.__code__
c2 = types.CodeType(c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount, c.co_nlocals, c.co_stacksize,
                    c.co_flags, c.co_code, c.co_consts, c.co_names, c.co_varnames, c.co_filename, c.co_name,
                    c.co_qualname, c.co_firstlineno, c.co_linetable, c.co_exceptiontable, c.co_freevars,
                    c.co_cellvars)
print(c2 == c, c2.co_varnames, c2.co_cellvars, c2.co_freevars)
g2 = types.FunctionType(c2, globals(), 'g2', None, None)
print(g2(1, 5, 6, y=3, k=4))
g.__code__ = c.replace(co_name='renamed')
print(g.__code__.co_name, g(10))
def gen():
    yield 1
    yield 2
print(list(types.FunctionType(gen.__code__.replace(), {})()))

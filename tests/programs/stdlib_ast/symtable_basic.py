# Lib's symtable module on top of _symtable: scopes, symbols, their flags.
import symtable
import _symtable

SRC = '''
import os
from sys import path as p
g = 1

def outer(a, b=2, *args, c, **kw):
    global g
    x = a + g
    def inner(y):
        nonlocal x
        x += y
        return x + len(args)
    lam = lambda q: q * x
    return [i for i in range(b)], inner, lam

class K(Base):
    attr: int = 3
    def method(self):
        return __class__, super().method()

async def co():
    async for z in w:
        await z
'''


def show(t, depth=0):
    pad = '  ' * depth
    print(pad, t.get_type(), t.get_name(), t.get_lineno(), t.is_optimized(), t.is_nested(), t.has_children())
    for name in sorted(t.get_identifiers()):
        s = t.lookup(name)
        print(pad, '  ', name, s.is_referenced(), s.is_imported(), s.is_parameter(), s.is_global(),
              s.is_declared_global(), s.is_local(), s.is_annotated(), s.is_free(), s.is_assigned(),
              s.is_namespace(), s.is_nonlocal())
    if isinstance(t, symtable.Function):
        print(pad, '  params', t.get_parameters(), 'locals', t.get_locals(), 'globals', t.get_globals(),
              'frees', t.get_frees(), 'nonlocals', t.get_nonlocals())
    if isinstance(t, symtable.Class):
        print(pad, '  methods', t.get_methods())
    for c in t.get_children():
        show(c, depth + 1)


top = symtable.symtable(SRC, 'example.py', 'exec')
show(top)
print(sorted((k, v) for k, v in vars(_symtable).items() if k.isupper()))
e = symtable.symtable('x + y', '<e>', 'eval')
print(e.get_type(), sorted(e.get_identifiers()))
s = symtable.symtable('z = 1', '<s>', 'single')
print(s.get_type(), sorted(s.get_identifiers()), s.lookup('z').is_assigned())
for bad in [('x', '<b>', 'bogus'), ('def f(a, a): pass', '<b>', 'exec'), ('nonlocal x', '<b>', 'exec'), ('x = ', '<b>', 'exec')]:
    try:
        symtable.symtable(*bad)
    except (SyntaxError, ValueError) as err:
        print(type(err).__name__, err)

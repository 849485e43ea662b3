import contextvars as cv

def show(f):
    try:
        r = f()
        print(repr(r) if not isinstance(r, (cv.ContextVar, cv.Token)) else type(r).__name__)
    except Exception as e:
        print(type(e).__name__, str(e).split(' at 0x')[0])

print(cv.ContextVar, cv.Context, cv.Token, cv.Token.MISSING)
v = cv.ContextVar('v', default=1)
w = cv.ContextVar('w')
print(v.name, v.get(), v.get(5), w.get('d'))
show(lambda: w.get())
try:
    w.get()
except LookupError as e:
    print(e.args[0] is w)
t = v.set(2)
print(v.get(), t.var is v, t.old_value is cv.Token.MISSING)
t2 = v.set(3)
print(v.get(), t2.old_value)
v.reset(t2)
print(v.get())
show(lambda: v.reset(t2))
show(lambda: w.reset(t))
v.reset(t)
print(v.get())

ctx = cv.copy_context()
print(v in ctx, len(ctx), list(ctx.keys()) == [])
t = v.set(10)
print(v in ctx, v in cv.copy_context(), cv.copy_context()[v], cv.copy_context().get(w, 'none'))

def inside(x, y=0):
    print('inside', v.get(), x, y)
    v.set(99)
    w.set('w!')
    return v.get() + x
print(ctx.run(inside, 1, y=2), v.get(), ctx[v], ctx[w], sorted(n.name for n in ctx))
print(len(ctx), sorted((k.name, val) for k, val in ctx.items()), sorted(ctx.values(), key=str))
def reenter():
    ctx.run(print, 'no')
show(lambda: ctx.run(reenter))
show(lambda: ctx.run(lambda: v.reset(t)))
c2 = ctx.copy()
c2.run(v.set, 123)
print(ctx[v], c2[v])

show(lambda: cv.ContextVar(1))
show(lambda: cv.Context(1))
show(lambda: cv.copy_context()[1])
show(lambda: cv.copy_context()[cv.ContextVar('z')])
show(lambda: type('x', (cv.ContextVar,), {}))
show(lambda: cv.Token())
show(lambda: cv.ContextVar('a', 1))
print(cv.ContextVar[int], cv.Token[str])
print(isinstance(cv.Context(), cv.Context), len(cv.Context()))
print(repr(v).startswith("<ContextVar name='v' default=1 at 0x"), repr(w).startswith("<ContextVar name='w' at 0x"))
tok = v.set(5); v.reset(tok)
print(repr(tok).startswith('<Token used var=<ContextVar'))

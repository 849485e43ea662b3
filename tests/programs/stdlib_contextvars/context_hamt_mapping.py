# A Context is a persistent map (a HAMT in CPython): copies are independent,
# growing past 16 variables and shrinking back keeps every binding, and the
# mapping views are iterators whose len() is the context's size.
import contextvars

vars_ = [contextvars.ContextVar(f"v{i}", default=-1) for i in range(70)]


def fill(n):
    for i in range(n):
        vars_[i].set(i * i)


ctx = contextvars.Context()
ctx.run(fill, 40)
print(len(ctx), sorted(ctx.values())[:5], sum(ctx.values()))
print(all(ctx[v] == i * i for i, v in enumerate(vars_[:40])))
print(vars_[50] in ctx, vars_[5] in ctx, ctx.get(vars_[60], "absent"))

snap = ctx.copy()
tokens = []


def change():
    for v in vars_[:30]:
        tokens.append(v.set("changed"))
    for v in vars_[40:]:
        v.set("new")


ctx.run(change)
print(len(ctx), len(snap), snap == ctx, snap[vars_[3]], ctx[vars_[3]])


def undo():
    for v, t in zip(vars_[:30], tokens):
        v.reset(t)


ctx.run(undo)
print(len(ctx), ctx[vars_[3]], ctx[vars_[45]])

# reset of a variable that was unset removes it again
fresh = contextvars.Context()


def set_and_reset():
    toks = [v.set(i) for i, v in enumerate(vars_)]
    print("inside", len(contextvars.copy_context()))
    for v, t in reversed(list(zip(vars_, toks))):
        v.reset(t)
    print("after", len(contextvars.copy_context()), vars_[0].get())


fresh.run(set_and_reset)
print(len(fresh), list(fresh), list(fresh.items()))

# views: iterators with a length
it = ctx.items()
print(type(it).__name__, type(ctx.keys()).__name__, type(ctx.values()).__name__, type(iter(ctx)).__name__)
print(iter(it) is it, len(it))
first = next(it)
print(type(first).__name__, len(first), len(it), len(list(it)) == len(ctx) - 1)
print(sorted(k.name for k in ctx)[:6])
print(set(ctx.keys()) == set(dict(ctx.items())), len(set(ctx.values())))

# equality compares values; a value's __eq__ error propagates
class Boom:
    def __eq__(self, other):
        raise ZeroDivisionError("boom eq")

    __hash__ = object.__hash__


a = contextvars.Context()
b = contextvars.Context()
a.run(vars_[0].set, Boom())
b.run(vars_[0].set, Boom())
try:
    a == b
except ZeroDivisionError as e:
    print("eq error:", e)
print(a == a, a != contextvars.Context(), a.__eq__(1), a.__lt__(a))
try:
    a < b
except TypeError as e:
    print(e)

# the same value set again keeps the mapping (and equality)
c = contextvars.Context()
obj = object()
c.run(vars_[1].set, obj)
d = c.copy()
c.run(vars_[1].set, obj)
print(c == d, c[vars_[1]] is obj)

# errors
for bad in (lambda: ctx[1], lambda: ctx.get("x"), lambda: 1 in ctx, lambda: hash(ctx)):
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
try:
    contextvars.Context()[vars_[0]]
except KeyError as e:
    print("KeyError", e.args[0].name)
try:
    type(iter(ctx))()
except TypeError as e:
    print(e)
v = contextvars.ContextVar("named")
print(hash(v) == hash(v), hash(v) != object.__hash__(v))

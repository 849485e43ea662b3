# Contexts compare by their mappings (== and != only) and are unhashable.
import contextvars

var = contextvars.ContextVar("var")
other = contextvars.ContextVar("other")
ctx1 = contextvars.Context()
ctx2 = contextvars.Context()

def func1():
    var.set("spam")
    ctx2.run(lambda: print("inner", var.get(None)))
    return contextvars.copy_context()

returned = ctx1.run(func1)
print(ctx1 == returned, ctx1 != returned, returned is ctx1, returned[var])
print(ctx1 == ctx2, contextvars.Context() == contextvars.Context())
ctx2.run(var.set, "spam")
print(ctx1 == ctx2)
ctx2.run(other.set, 1)
print(ctx1 == ctx2, ctx1 == 1, ctx1 != "x")
try:
    ctx1 < ctx2
except TypeError as e:
    print("TypeError:", e)
try:
    hash(ctx1)
except TypeError as e:
    print("TypeError:", e)

import sys
import weakref
seen = []
def hook(args):
    seen.append(args)
    print("type", type(args).__name__, type(args).__module__, len(args), isinstance(args, tuple))
    print("fields", args.exc_type.__name__, repr(args.exc_value), args.exc_traceback is not None,
          args.err_msg, type(args.object).__name__)
    print("indexing", args[0] is args.exc_type, args[4] is args.object)
sys.unraisablehook = hook
class D:
    def __del__(self):
        raise LookupError("from del")
d = D()
del d
class T:
    pass
def callback(ref):
    raise ArithmeticError("from callback")
t = T()
r = weakref.ref(t, callback)
del t
print("callback reported with the callback:", seen[-1].object is callback)
def gen():
    try:
        yield 1
    finally:
        raise IndexError("from generator finally")
g = gen()
next(g)
del g
print("generator reported with", type(seen[-1].object).__name__)
print("count", len(seen))
sys.unraisablehook = sys.__unraisablehook__
print("restored", sys.unraisablehook is sys.__unraisablehook__)

import sys
import weakref
# The default sys.unraisablehook writes to stderr; the objects' reprs are
# deterministic here (a weakref callback is reported by its own repr).
class T:
    pass
class Callback:
    def __init__(self, exc):
        self.exc = exc
    def __repr__(self):
        return "<Callback %s>" % type(self.exc).__name__
    def __call__(self, ref):
        raise self.exc
class Err(Exception):
    pass
class Empty(Exception):
    def __str__(self):
        return ""
class BadRepr:
    def __repr__(self):
        raise ValueError("no repr")
    def __call__(self, ref):
        raise KeyError("k")
def fire(cb):
    t = T()
    r = weakref.ref(t, cb)
    del t
fire(Callback(ValueError("plain")))
print("after plain", flush=True)
fire(Callback(Err("custom class from __main__")))
fire(Callback(Empty()))
fire(BadRepr())
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("chained")
except RuntimeError as e:
    chained = e
fire(Callback(chained))
print("hook argument type:", flush=True)
try:
    sys.unraisablehook(None)
except TypeError as e:
    print("TypeError:", e)
try:
    sys.__unraisablehook__((1, 2, 3, 4, 5))
except TypeError as e:
    print("TypeError:", e)
# a hook that fails is reported with the hook's own exception
class FailingHook:
    def __repr__(self):
        return "<FailingHook>"
    def __call__(self, args):
        print("hook got", type(args).__name__, args.exc_type.__name__, args.err_msg, args.object, flush=True)
        raise OSError("hook failed")
sys.unraisablehook = FailingHook()
fire(Callback(ValueError("to the failing hook")))
sys.unraisablehook = None
fire(Callback(ValueError("hook is None")))
del sys.unraisablehook
fire(Callback(ValueError("hook deleted")))
print("end", flush=True)

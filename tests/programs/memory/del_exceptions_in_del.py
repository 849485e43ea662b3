import sys
def hook(unraisable):
    print("hook:", unraisable.exc_type.__name__, unraisable.exc_value,
          "| msg:", unraisable.err_msg,
          "| obj:", getattr(unraisable.object, "__qualname__", type(unraisable.object).__name__),
          "| tb:", unraisable.exc_traceback is not None)
sys.unraisablehook = hook
class Bad:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        raise ValueError("bad del %d" % self.n)
b = Bad(1)
del b
print("after del b")
def f():
    local = Bad(2)
f()
print("after f")
class Worse:
    def __del__(self):
        1 / 0
w = Worse()
w = None
print("after Worse")
class Nested:
    def __del__(self):
        try:
            raise KeyError("inner")
        except KeyError:
            pass
        print("Nested __del__ handled its own exception")
n = Nested()
del n
class ExcState:
    def __del__(self):
        print("in __del__, exc_info:", sys.exc_info()[0])
try:
    raise RuntimeError("outer")
except RuntimeError:
    e = ExcState()
    del e
    print("still handling", sys.exc_info()[0].__name__)
class Exits:
    def __del__(self):
        raise SystemExit(3)
x = Exits()
del x
print("SystemExit in __del__ is only reported")
l = [Bad(3), Bad(4)]
del l
print("end")

# Context manager classes: __enter__/__exit__, suppression, reuse.
class Managed:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print(f"enter {self.name}")
        return self
    def __exit__(self, exc_type, exc, tb):
        print(f"exit {self.name}", exc_type.__name__ if exc_type else None, repr(exc), tb is not None)
        return self.suppress
with Managed("plain") as m:
    print("inside", m.name)
with Managed("suppressing", suppress=True):
    raise ValueError("swallowed")
print("after suppressed")
try:
    with Managed("propagating"):
        raise KeyError("k")
except KeyError as e:
    print("caught", repr(e))
with Managed("outer", True), Managed("inner"):
    raise RuntimeError("from inner")
print("outer suppressed the inner's exception")
class Timer:
    depth = 0
    def __enter__(self):
        Timer.depth += 1
        return Timer.depth
    def __exit__(self, *exc):
        Timer.depth -= 1
t = Timer()
with t as d1:
    with t as d2:
        print("depths", d1, d2)
print("depth after", Timer.depth)
class EnterReturnsOther:
    def __enter__(self): return [1, 2, 3]
    def __exit__(self, *a): return None
with EnterReturnsOther() as lst:
    print(lst)
class NoExit:
    def __enter__(self): return self
try:
    with NoExit():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
class NoEnter:
    def __exit__(self, *a): pass
try:
    with NoEnter():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
class ExitRaises:
    def __enter__(self): return self
    def __exit__(self, *a):
        raise OSError("exit failed")
try:
    with ExitRaises():
        raise ValueError("original")
except OSError as e:
    print("OSError:", e, "context:", repr(e.__context__))
class Truthy:
    def __enter__(self): return self
    def __exit__(self, *a): return "non-empty string"
with Truthy():
    1 / 0
print("suppressed by truthy return")

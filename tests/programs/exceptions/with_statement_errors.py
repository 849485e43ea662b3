# Errors around with statements: in __enter__, in __exit__, and chaining.
class FailEnter:
    def __enter__(self):
        raise ValueError("enter failed")
    def __exit__(self, *a):
        print("exit should not run")
try:
    with FailEnter():
        print("body should not run")
except ValueError as e:
    print("caught:", e)
class Log:
    def __init__(self, name): self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, et, ev, tb):
        print("exit", self.name, repr(ev))
try:
    with Log("a"), FailEnter(), Log("never"):
        pass
except ValueError as e:
    print("caught after a exited:", e)
class FailExit:
    def __enter__(self): return self
    def __exit__(self, et, ev, tb):
        raise KeyError("exit failed")
try:
    with FailExit():
        pass
except KeyError as e:
    print("exit error without body error:", repr(e), e.__context__)
try:
    with FailExit():
        raise IndexError("body failed")
except KeyError as e:
    print("exit error chained to:", repr(e.__context__))
try:
    with Log("outer"):
        with FailExit():
            raise IndexError("body")
except KeyError as e:
    print("outer saw and propagated", repr(e))
class Reraise:
    def __enter__(self): return self
    def __exit__(self, et, ev, tb):
        if ev is not None:
            raise RuntimeError("wrapped") from ev
try:
    with Reraise():
        raise TypeError("inner")
except RuntimeError as e:
    print(repr(e), "cause:", repr(e.__cause__))
def gen_cm():
    class CM:
        def __enter__(self): return "value"
        def __exit__(self, et, ev, tb):
            print("exit sees", et.__name__ if et else None)
            return et is StopIteration
    with CM() as v:
        yield v
        raise StopIteration
g = gen_cm()
print(next(g))
try:
    next(g)
except StopIteration:
    print("generator finished normally after suppressed StopIteration")

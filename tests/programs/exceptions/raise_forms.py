# What can and cannot be raised.
for thing in [5, "string", None, [ValueError()], object()]:
    try:
        raise thing
    except TypeError as e:
        print(type(thing).__name__, "->", e)
class NotAnException:
    pass
try:
    raise NotAnException
except TypeError as e:
    print("class ->", e)
try:
    raise ValueError
except ValueError as e:
    print("class instantiated:", repr(e))
class NeedsArgs(Exception):
    def __init__(self, a, b):
        super().__init__(a + b)
try:
    raise NeedsArgs
except TypeError as e:
    print("instantiation failed:", e)
class ReturnsOther(Exception):
    def __new__(cls, *a):
        return ValueError("swapped")
try:
    raise ReturnsOther
except TypeError as e:
    print("TypeError:", e)
except ValueError as e:
    print("ValueError:", e)
def raiser(exc):
    raise exc
try:
    raiser(KeyError("via function"))
except KeyError as e:
    print(repr(e))
try:
    raise Exception("multiple", "args", 3)
except Exception as e:
    print(e.args, str(e))
try:
    raise BaseException("base") from None
except BaseException as e:
    print(repr(e), e.__suppress_context__)

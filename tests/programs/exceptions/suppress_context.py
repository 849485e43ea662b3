# __suppress_context__ and raise ... from None details.
def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        raise AttributeError(k) from None
try:
    lookup({}, "x")
except AttributeError as e:
    print(repr(e), e.__cause__, repr(e.__context__), e.__suppress_context__)
e = RuntimeError("fresh")
print(e.__cause__, e.__context__, e.__suppress_context__, e.__traceback__)
e.__suppress_context__ = True
print(e.__suppress_context__)
e.__context__ = ValueError("set by hand")
print(repr(e.__context__))
try:
    try:
        raise ValueError("a")
    except ValueError as inner:
        outer = TypeError("b")
        outer.__suppress_context__ = True
        raise outer
except TypeError as e2:
    print(repr(e2.__context__), e2.__suppress_context__)
try:
    try:
        raise ValueError("x")
    except ValueError as v:
        raise KeyError("y") from v
except KeyError as k:
    print(k.__cause__ is k.__context__, k.__suppress_context__)

# sys.exc_info() and sys.exception() inside and outside handlers.
import sys
print(sys.exc_info())
try:
    raise ValueError("current")
except ValueError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v), type(tb).__name__, tb.tb_lineno)
    print(sys.exception() is v)
print(sys.exc_info())
try:
    raise KeyError("outer")
except KeyError:
    try:
        raise IndexError("inner")
    except IndexError:
        print("inner:", repr(sys.exc_info()[1]))
    print("restored:", repr(sys.exc_info()[1]))
print(sys.exc_info() == (None, None, None))
def helper():
    return sys.exc_info()[0]
try:
    1 / 0
except ZeroDivisionError:
    print("seen from callee:", helper().__name__)
try:
    raise TypeError("in finally?")
except TypeError:
    pass
finally:
    print("finally after handled:", sys.exc_info()[0])
try:
    try:
        raise OSError("finally sees")
    finally:
        print("finally during propagation:", sys.exc_info()[0].__name__)
except OSError:
    pass
def gen():
    try:
        raise ValueError("in gen")
    except ValueError:
        yield repr(sys.exc_info()[1])
        yield repr(sys.exc_info()[1])
g = gen()
print(next(g))
print("between yields:", sys.exc_info()[1])
print(next(g))

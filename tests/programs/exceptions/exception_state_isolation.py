# Handled exceptions do not leak; each frame has its own handled state.
import sys
def inner():
    return sys.exc_info()[1]
def outer():
    try:
        raise ValueError("outer's")
    except ValueError:
        return inner()
print(repr(outer()))
print(sys.exc_info())
def gen():
    yield sys.exc_info()[1]
try:
    raise KeyError("active")
except KeyError:
    g = gen()
    print("generator sees caller's:", repr(next(g)))
print("after:", sys.exc_info()[1])
def raises_and_catches():
    try:
        raise TypeError("local")
    except TypeError:
        pass
    return sys.exc_info()
try:
    raise OSError("mine")
except OSError:
    print(raises_and_catches()[1])
    print("still mine:", repr(sys.exc_info()[1]))

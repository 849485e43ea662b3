# gen.throw(E) where E() returns something that is not an exception: the TypeError
# is thrown into the generator in its place (CPython's PyErr_NormalizeException).
class E(Exception):
    def __new__(cls, *args, **kwargs):
        return cls

class Boom(Exception):
    def __init__(self, *args):
        raise KeyError("from __init__")

def boring():
    yield

g = boring()
try:
    g.throw(E)
except TypeError as e:
    print("TypeError", e)
print(next(g, "exhausted"))

def catching():
    while True:
        try:
            yield
        except Exception as e:
            print("inside:", type(e).__name__, e)

g = catching()
next(g)
g.throw(E)
g.throw(Boom)
g.throw(ValueError, "v")
g.close()

try:
    raise E
except TypeError as e:
    print("raise:", e)

class Resource:
    def __init__(self, name):
        self.name = name
        print("open", name)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        print("exit", self.name, exc[0].__name__ if exc[0] else None)
        return False
    def __del__(self):
        print("del", self.name)
with Resource("r1") as r:
    print("inside")
print("after with, still bound")
del r
with Resource("r2"):
    print("unbound")
print("after unbound with")
try:
    with Resource("r3") as r3:
        raise ValueError("boom")
except ValueError:
    print("handled")
del r3
def gen():
    res = Resource("in generator")
    try:
        yield 1
        yield 2
    finally:
        print("generator finally")
g = gen()
print(next(g))
del g
print("generator released")
def gen2():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
g = gen2()
next(g)
g = None
print("after rebinding")
def exhausted():
    r = Resource("exhausted")
    yield r.name
print(list(exhausted()))
print("end")

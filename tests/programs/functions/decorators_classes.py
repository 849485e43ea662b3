# Decorating classes, methods; decorators that are classes.
def add_repr(cls):
    def __repr__(self):
        fields = ", ".join("%s=%r" % (k, v) for k, v in vars(self).items())
        return "%s(%s)" % (type(self).__name__, fields)
    cls.__repr__ = __repr__
    return cls
@add_repr
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
print(Point(1, 2), [Point(0, 'a')])
registry = {}
def register(name):
    def deco(cls):
        registry[name] = cls
        return cls
    return deco
@register("circle")
class Circle: pass
@register("square")
class Square: pass
print(sorted(registry), registry["circle"].__name__)
def log_method(fn):
    def wrapper(self, *a):
        print("->", type(self).__name__, fn.__name__, a)
        return fn(self, *a)
    return wrapper
class Acc:
    def __init__(self): self.total = 0
    @log_method
    def add(self, v):
        self.total += v
        return self
a = Acc()
a.add(3).add(4)
print(a.total)
class CountingDecorator:
    def __init__(self, fn):
        self.fn = fn
        self.n = 0
    def __call__(self, *a, **k):
        self.n += 1
        return self.fn(*a, **k)
@CountingDecorator
def hi(name):
    return "hi " + name
print(hi("a"), hi("b"), hi.n)
def singleton(cls):
    instances = {}
    def get(*a):
        if cls not in instances:
            instances[cls] = cls(*a)
        return instances[cls]
    return get
@singleton
class Config:
    def __init__(self, v): self.v = v
c1 = Config(1)
c2 = Config(2)
print(c1 is c2, c2.v)
def method_deco_with_arg(prefix):
    def deco(fn):
        def wrapper(self):
            return prefix + fn(self)
        return wrapper
    return deco
class Greeter:
    @method_deco_with_arg(">> ")
    def greet(self):
        return "hello"
    @staticmethod
    @method_deco_with_arg("static ")
    def st(self_like):
        return "s"
print(Greeter().greet(), Greeter.st(None))

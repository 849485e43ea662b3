# Decorator factories and stacked decorators (application order).
def tag(name):
    print("factory", name)
    def deco(fn):
        print("decorating", fn.__name__, "with", name)
        def wrapper(*a, **k):
            return "<%s>%s</%s>" % (name, fn(*a, **k), name)
        wrapper.__name__ = fn.__name__
        return wrapper
    return deco
@tag("b")
@tag("i")
def text(s):
    return s
print(text("hello"))
def repeat(times):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(times)]
        return wrapper
    return deco
@repeat(3)
def ping():
    return "ping"
print(ping())
def order(label):
    def deco(fn):
        def wrapper():
            print("enter", label)
            r = fn()
            print("exit", label)
            return r
        return wrapper
    return deco
@order("outer")
@order("middle")
@order("inner")
def core():
    print("core")
    return "done"
print(core())
def validate(**types):
    def deco(fn):
        def wrapper(**kwargs):
            for k, t in types.items():
                if not isinstance(kwargs.get(k), t):
                    raise TypeError("%s must be %s" % (k, t.__name__))
            return fn(**kwargs)
        return wrapper
    return deco
@validate(x=int, y=str)
def use(x, y):
    return y * x
print(use(x=2, y="ab"))
try:
    use(x="2", y="ab")
except TypeError as e:
    print("TypeError:", e)
class Memo:
    def __init__(self, fn):
        self.fn = fn
        self.cache = {}
    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.fn(n)
        return self.cache[n]
@Memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), len(fib.cache), type(fib).__name__)

# Simple decorators.
def trace(fn):
    def wrapper(*args, **kwargs):
        print("call", fn.__name__, args, kwargs)
        result = fn(*args, **kwargs)
        print("ret", fn.__name__, result)
        return result
    return wrapper
@trace
def add(a, b):
    return a + b
add(1, 2)
add(a=3, b=4)
print(add.__name__)
def register(fn):
    registry.append(fn.__name__)
    return fn
registry = []
@register
def one(): pass
@register
def two(): pass
print(registry, one.__name__)
def replace_with_value(fn):
    return 42
@replace_with_value
def gone(): pass
print(gone)
def wraps_manual(fn):
    def wrapper(*a):
        return fn(*a) * 2
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    wrapper.__qualname__ = fn.__qualname__
    wrapper.__wrapped__ = fn
    return wrapper
@wraps_manual
def triple(x):
    "Triples x."
    return x * 3
print(triple(2), triple.__name__, triple.__doc__, triple.__wrapped__(2))
calls = []
def count_calls(fn):
    def wrapper(*a):
        wrapper.calls += 1
        return fn(*a)
    wrapper.calls = 0
    return wrapper
@count_calls
def noop(): pass
noop(); noop(); noop()
print(noop.calls)
@(lambda f: lambda: f() + "!")
def shout():
    return "hey"
print(shout())
decos = {'up': lambda f: (lambda: f().upper())}
@decos['up']
def lower():
    return "quiet"
print(lower())

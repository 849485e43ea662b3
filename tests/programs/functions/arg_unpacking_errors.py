# Errors raised while unpacking call arguments.
def f(*args, **kwargs):
    return args, kwargs
def show(thunk):
    try:
        print(thunk())
    except TypeError as e:
        print("TypeError:", e)
show(lambda: f(*None))
show(lambda: f(*1))
show(lambda: f(**None))
show(lambda: f(**[('a', 1)]))
show(lambda: f(a=1, **{'a': 2}))
show(lambda: f(**{'a': 1}, **{'a': 2}))
show(lambda: f(*'ab', *b'c', *{'k': 0}))
show(lambda: f(*range(3), **dict(x=1)))
def g(a, b): return a + b
show(lambda: g(*[1]))
show(lambda: g(*[1, 2, 3]))
show(lambda: g(1, **{'b': 2, 'c': 3}))
show(lambda: g(**{'a': 1}, b=2))
class BadIter:
    def __iter__(self):
        raise TypeError("custom iter failure")
show(lambda: f(*BadIter()))
class NotMapping:
    def keys(self): return ['x']
show(lambda: f(**NotMapping()))

# callable().
class WithCall:
    def __call__(self): return "called"
class Without:
    pass
def fn(): pass
items = [fn, lambda: 0, len, print, int, type, object, WithCall, WithCall(), Without, Without(), 5, "s", None, [].append,
         "s".upper, str.upper, staticmethod(fn), classmethod(fn), (x for x in []), range]
print([callable(i) for i in items])
class Meta(type):
    def __call__(cls, *a):
        return "meta call"
class M(metaclass=Meta):
    pass
print(callable(M), M(), callable(M.__call__))
w = Without()
w.__call__ = lambda: "instance attr"
print(callable(w))
class DelCall(WithCall):
    __call__ = None
print(callable(DelCall()))
try:
    callable()
except TypeError as e:
    print("TypeError:", e)

from _functools import partial, reduce, cmp_to_key, _lru_cache_wrapper
import _functools

def show(label, f):
    try:
        print(label, "->", f())
    except Exception as e:
        print(label, "!!", type(e).__name__, e)

def f(*args, **kw):
    return args, kw

p = partial(f, 1, 2, a=3)
print(p(4, b=5), p(a=9), p.func is f, p.args, p.keywords)
print(repr(partial(max, 1, key=len)).replace(repr(max), 'MAX'))
q = partial(p, 7, c=8)
print(q.func is f, q.args, q.keywords, q())
class P(partial):
    pass
sp = P(f, 1)
print(type(sp).__name__, repr(sp).startswith('P(<function f'), sp(2))
sp.attr = 1
nested = partial(sp, 3)
print(nested.func is sp, nested.args)
print(p.__reduce__()[0] is partial, p.__reduce__()[1][0] is f, p.__reduce__()[2][1:])
p2 = partial(max); p2.__setstate__((min, (1, 2), None, None)); print(p2(), p2.keywords, p2.args)
p3 = partial(max); p3.__setstate__((f, (1,), {'k': 2}, {'x': 1})); print(p3(), p3.x)
print(partial[int])
r = partial(f); r.self = r
print(repr(partial(f, partial(f))).count('partial'))
class A:
    m = partial(f, 'bound?')
print(A().m(1))
show("no args", lambda: partial())
show("not callable", lambda: partial(1))
show("setstate bad", lambda: partial(f).__setstate__((1, 2, 3, 4)))
show("setstate not tuple", lambda: partial(f).__setstate__([f, (), None, None]))
show("readonly", lambda: setattr(p, 'func', max))

print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, [], 1), reduce(max, [3], 0), reduce(lambda a, b: a + b, 'abc'))
show("reduce empty", lambda: reduce(max, []))
show("reduce 1 arg", lambda: reduce(max))
show("reduce not iterable", lambda: reduce(max, 1))
show("reduce kw", lambda: reduce(max, [1], initial=2))

def cmp(a, b):
    return (a > b) - (a < b)
key = cmp_to_key(cmp)
print(sorted([3, 1, 2], key=key), sorted('bca', key=cmp_to_key(lambda a, b: cmp(b, a))))
k1, k2 = key(1), key(2)
print(k1 < k2, k1 > k2, k1 == key(1), k1 != k2, k1 <= k2, k2 >= k1, k1.obj, type(k1).__name__)
show("hash K", lambda: hash(k1))
show("compare other", lambda: k1 < 1)
show("K no arg", lambda: key())
show("cmp_to_key kw", lambda: cmp_to_key(mycmp=cmp)(1).obj)

class CacheInfo(tuple):
    def __new__(cls, *a):
        return tuple.__new__(cls, a)
    misses = property(lambda self: self[1])
    def __repr__(self):
        return "CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)" % self
calls = []
def sq(x, y=0):
    calls.append(x)
    return x * x + y
for maxsize in (None, 0, 2, 128):
    w = _lru_cache_wrapper(sq, maxsize, False, CacheInfo)
    calls.clear()
    print(maxsize, [w(i % 3) for i in range(7)], w(1, y=1), w(1, y=1), w.cache_info(), calls)
    w.cache_clear(); print(w.cache_info())
t = _lru_cache_wrapper(sq, 10, True, CacheInfo)
print(t(1), t(1.0), t(1), t.cache_info())
lru = _lru_cache_wrapper(sq, 3, False, CacheInfo)
for i in [1, 2, 3, 1, 4, 2, 5, 1]:
    lru(i)
print(lru.cache_info())
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
fib = _lru_cache_wrapper(fib, None, False, CacheInfo)
print(fib(80), fib.cache_info())
def fib2(n):
    return n if n < 2 else fib2(n - 1) + fib2(n - 2)
fib2 = _lru_cache_wrapper(fib2, 5, False, CacheInfo)
print(fib2(60), fib2.cache_info())
class C:
    def meth(self, x):
        return (type(self).__name__, x)
    meth = _lru_cache_wrapper(meth, 8, False, CacheInfo)
print(C().meth(1), C.meth.cache_info().misses)
w = _lru_cache_wrapper(sq, 3, False, CacheInfo)
w.__qualname__ = 'sq'
print(w.__reduce__(), w.__copy__() is w, w.__deepcopy__({}) is w)
def boom(x):
    raise ValueError(x)
b = _lru_cache_wrapper(boom, 4, False, CacheInfo)
show("raises", lambda: b(1))
print(b.cache_info())
show("bad maxsize", lambda: _lru_cache_wrapper(sq, 'a', False, CacheInfo))
show("not callable", lambda: _lru_cache_wrapper(1, 1, False, CacheInfo))
show("unhashable", lambda: w([1]))
neg = _lru_cache_wrapper(sq, -5, False, CacheInfo); neg(1); print(neg.cache_info())
def rec(n):
    return 0 if n == 0 else rec(n - 1) + 1
rec = _lru_cache_wrapper(rec, None, False, CacheInfo)
show("deep", lambda: rec(100000))
print(sorted(n for n in dir(_functools) if not n.startswith('__')))

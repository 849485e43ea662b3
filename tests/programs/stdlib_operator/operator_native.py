import _operator as o
import operator

def show(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)

print(operator.add is o.add, operator.itemgetter is o.itemgetter, operator.__add__ is o.add)
print(o.add(1, 2), o.sub(5, 3), o.mul('a', 3), o.truediv(7, 2), o.floordiv(7, 2), o.mod(7, 3), o.pow(2, 10))
print(o.lshift(1, 4), o.rshift(256, 2), o.and_(12, 10), o.or_(12, 10), o.xor(12, 10), o.neg(5), o.pos(-5), o.inv(5), o.invert(0), o.abs(-3.5))
print(o.lt(1, 2), o.le(2, 2), o.eq(1, 1.0), o.ne(1, 2), o.gt(1, 2), o.ge(3, 2), o.not_(0), o.truth('x'), o.is_(None, None), o.is_not(1, None))
print(o.index(7), o.concat([1], [2]), o.concat('a', 'b'), o.contains([1, 2], 2), o.countOf([1, 2, 1, 1.0], 1), o.indexOf('abc', 'c'))
l = [1, 2, 3]; o.setitem(l, 0, 9); o.delitem(l, 1); print(l, o.getitem(l, -1), o.getitem({'k': 'v'}, 'k'))
x = [1]; y = o.iadd(x, [2]); print(x, y is x, o.iadd(1, 2), o.isub(5, 1), o.imul([0], 2), o.ipow(2, 5), o.imod(7, 4), o.itruediv(1, 4), o.ifloordiv(9, 2))
print(o.ilshift(1, 3), o.irshift(16, 1), o.iand(7, 3), o.ior(4, 1), o.ixor(5, 1), o.iconcat([1], (2,)))
class M:
    def __matmul__(self, other): return 'matmul'
    def __imatmul__(self, other): return 'imatmul'
print(o.matmul(M(), 1), o.imatmul(M(), 1))
print(o.length_hint([1, 2, 3]), o.length_hint(iter(range(10))), o.length_hint(1), o.length_hint(1, 5), o.length_hint(1, -1))
class H:
    def __length_hint__(self): return 7
print(o.length_hint(H()), o.call(max, 1, 2, key=lambda v: -v), o.call(dict, a=1))
print(o._compare_digest('abc', 'abc'), o._compare_digest('abc', 'abd'), o._compare_digest(b'x', bytearray(b'x')), o._compare_digest(b'', b'a'))

g = o.itemgetter(1)
print(g([1, 2]), g('ab'), o.itemgetter(0, 2)('abc'), o.itemgetter('k')({'k': 1}), o.itemgetter(slice(1, None))([1, 2, 3]))
print(repr(g), repr(o.itemgetter(1, 'a')), g.__reduce__(), sorted([(1, 'b'), (0, 'a')], key=o.itemgetter(1)))
class A: pass
a = A(); a.b = A(); a.b.c = 5; a.x = 1
ag = o.attrgetter('b.c')
print(ag(a), o.attrgetter('x', 'b.c')(a), repr(ag), repr(o.attrgetter('x', 'b.c')), ag.__reduce__())
mc = o.methodcaller('split', ',', maxsplit=1)
print(mc('a,b,c'), repr(mc), o.methodcaller('upper')('x'), o.methodcaller('upper').__reduce__(), repr(o.methodcaller('f', 1, 'a')))
show("add 1", lambda: o.add(1))
show("add kw", lambda: o.add(1, b=2))
show("concat int", lambda: o.concat(1, 2))
show("concat list int", lambda: o.concat([1], 2))
show("iconcat", lambda: o.iconcat([], 1))
show("index float", lambda: o.index(1.5))
show("countOf", lambda: o.countOf(1, 1))
show("indexOf", lambda: o.indexOf([1], 2))
show("length_hint str", lambda: o.length_hint(1, 'a'))
show("compare str bytes", lambda: o._compare_digest('a', b'a'))
show("compare non ascii", lambda: o._compare_digest('é', 'é'))
show("compare ints", lambda: o._compare_digest(1, 2))
show("itemgetter()", lambda: o.itemgetter())
show("itemgetter kw", lambda: o.itemgetter(1, x=1))
show("itemgetter call", lambda: g(1))
show("itemgetter 2 args", lambda: g([1], [2]))
show("attrgetter int", lambda: o.attrgetter(1))
show("attrgetter()", lambda: o.attrgetter())
show("attrgetter missing", lambda: o.attrgetter('a.b')(1))
show("attrgetter a..b", lambda: repr(o.attrgetter('a..b')))
show("methodcaller()", lambda: o.methodcaller())
show("methodcaller int", lambda: o.methodcaller(1))
show("methodcaller call", lambda: o.methodcaller('f')())
show("call()", lambda: o.call())
show("neg str", lambda: o.neg('a'))
show("getitem range", lambda: o.getitem([1], 5))
show("subclass", lambda: type('X', (o.itemgetter,), {}))
print(o.add.__doc__, o.itemgetter.__doc__.splitlines()[0])
print(sorted(n for n in dir(o) if not n.startswith('__')))
import itertools, _heapq, _collections, _functools
for f, a in [(itertools.tee, ([1],)), (_heapq.heappush, ([], 1)), (_heapq.heapreplace, ([1], 1)), (_collections._count_elements, ({}, [])),
             (_functools.reduce, (max, [1])), (o.length_hint, ([],)), (o._compare_digest, (b'', b'')), (o.indexOf, ([1], 1))]:
    show(f.__name__ + " kw", lambda: f(*a, zz=1))

# __slots__ semantics.
class P:
    __slots__ = ('x', 'y')
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = P(1, 2)
print(p.x, p.y, hasattr(p, '__dict__'), P.__slots__)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
del p.x
try:
    p.x
except AttributeError as e:
    print("AttributeError:", e)
p.x = 10
print(p.x)
print(type(P.__dict__['x']).__name__)
class Q(P):
    pass
q = Q(1, 2)
q.z = 3
print(q.z, q.__dict__)
class R(P):
    __slots__ = ('w',)
r = R(1, 2)
r.w = 5
print(r.w, hasattr(r, '__dict__'))
try:
    r.v = 1
except AttributeError as e:
    print("AttributeError:", e)
class WithDict:
    __slots__ = ('a', '__dict__')
wd = WithDict()
wd.a = 1
wd.b = 2
print(wd.a, wd.__dict__)
class Single:
    __slots__ = 'only'
s = Single()
s.only = 'one'
print(s.only, Single.__slots__)
try:
    class Conflict:
        __slots__ = ('v',)
        v = 5
except ValueError as e:
    print("ValueError:", e)
class Empty:
    __slots__ = ()
try:
    Empty().x = 1
except AttributeError as e:
    print("AttributeError:", e)
class Uninit:
    __slots__ = ('a',)
try:
    Uninit().a
except AttributeError as e:
    print("AttributeError:", e)

# object.__reduce_ex__ with protocol 2+ (copyreg.__newobj__) and __getstate__ with __slots__.
import copy
class A:
    __slots__ = ("x", "y")
class B(A):
    def __init__(self): self.z = 1
a = A(); a.x = 1
b = B(); b.y = 5
print(a.__reduce_ex__(2)[2], b.__reduce_ex__(4)[2], copy.copy(a).x, copy.copy(b).y, copy.copy(b).z)
class L(list): pass
l = L([1,2]); l.q = 3
r = l.__reduce_ex__(2); print(r[0].__name__, r[1][0].__name__, r[2], list(r[3]), r[4])
print(copy.deepcopy(l), copy.deepcopy(l).q)
class N:
    def __getnewargs__(self): return (1,)
    def __new__(cls, *a): o = object.__new__(cls); o.a = a; return o
print(N().__reduce_ex__(2)[1][1:], copy.copy(N()).a)
class D(dict): pass
print(copy.copy(D(a=1)), object().__reduce_ex__(2)[1:])

class A:
    def f(self): return "A"
class B:
    def f(self): return "B"
    def g(self): return "Bg"
class C(A): pass
class D(C): pass
print(C.__mro__, D.__mro__)
C.__bases__ = (B,)
print(C.__bases__, C.__base__, C.__mro__, D.__mro__, C().f(), D().g())
print(A.__subclasses__(), B.__subclasses__())
def err(f):
    try: f()
    except Exception as e: print(type(e).__name__, e)
def s(cls, v):
    cls.__bases__ = v
err(lambda: s(C, ()))
err(lambda: s(C, [A]))
err(lambda: s(C, (1,)))
err(lambda: s(C, (D,)))
err(lambda: s(C, (C,)))
err(lambda: s(int, (object,)))
err(lambda: s(C, (int,)))
err(lambda: s(C, (A, A)))
class E(A, B): pass
err(lambda: s(C, (E, A)))
def d(): del C.__bases__
err(d)
class X(list): pass
class Y(list): pass
err(lambda: s(X, (Y,)))
class X2(list): __slots__ = ()
X.__bases__ = (X2,)
print(X.__mro__)
X.__bases__ = (list,)
print(X.__mro__)
class Z(dict): pass
err(lambda: s(X, (Z,)))
class S1: __slots__ = ('a',)
class S2: __slots__ = ('b',)
class T(S1): __slots__ = ()
err(lambda: s(T, (S2,)))
class M(type):
    def mro(cls):
        return type.mro(cls)
class K(A, metaclass=M): pass
K.__bases__ = (B,)
print(K.__mro__)
class Meta2(type):
    def mro(cls):
        if getattr(cls, 'bad', False): return [cls, 1]
        return type.mro(cls)
class Q(A, metaclass=Meta2): pass
Q.bad = True
err(lambda: s(Q, (B,)))
print(Q.__bases__, Q.__mro__)
err(lambda: s(object, (A,)))
class P: pass
P.__bases__ = (object,)
err(lambda: s(P, (A,)))
class P2(A): pass
P2.__bases__ = (B, A)
print(P2.__mro__, P2().f())
class O1: pass
class O2: pass
class R(O1): pass
R.x = 1
R.__bases__ = (O2,)
O2.y = 5
print(R.y, R().x)
print(type.__dict__["__bases__"])

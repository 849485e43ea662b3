# MRO with diamonds and cooperative super().
class Base:
    def __init__(self):
        print("Base init")
        super().__init__()
    def who(self):
        return ["Base"]
class Left(Base):
    def __init__(self):
        print("Left init")
        super().__init__()
    def who(self):
        return ["Left"] + super().who()
class Right(Base):
    def __init__(self):
        print("Right init")
        super().__init__()
    def who(self):
        return ["Right"] + super().who()
class Bottom(Left, Right):
    def __init__(self):
        print("Bottom init")
        super().__init__()
    def who(self):
        return ["Bottom"] + super().who()
b = Bottom()
print(b.who())
print([c.__name__ for c in Bottom.__mro__])
print([c.__name__ for c in Bottom.mro()])
class X: pass
class Y: pass
class Z: pass
class A(X, Y): pass
class B(Y, Z): pass
class M(A, B, Z): pass
print([c.__name__ for c in M.__mro__])
class K1(X, Y): pass
class K2(Y, Z): pass
class K3(X, Z): pass
class Big(K1, K2, K3): pass
print([c.__name__ for c in Big.__mro__])
try:
    class Bad(X, A): pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Dup(X, X): pass
except TypeError as e:
    print("TypeError:", e)
class P:
    attr = "P"
class Q(P): pass
class R(P):
    attr = "R"
class S(Q, R): pass
print(S.attr)

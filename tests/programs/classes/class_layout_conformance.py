# __class__ assignment between classes whose __slots__ lay out alike, the
# __class__ cell seen from a metaclass's mro(), compiler-made names in
# __slots__, and classes that cannot be made through a base's __new__.
class G:
    __slots__ = ["a", "b"]
class H:
    __slots__ = ["b", "a"]
class J:
    __slots__ = ["c", "b"]
class K:
    __slots__ = ["a", "b", "d"]
class L(H):
    __slots__ = ["e"]
class M(G):
    __slots__ = ["e"]
class Q(J):
    pass
class R(J):
    __slots__ = ["__dict__", "__weakref__"]

for cls, cls2 in ((G, H), (Q, R), (R, Q)):
    x = cls()
    x.b = 1
    x.__class__ = cls2
    print(type(x).__name__, x.b)
    x.__class__ = cls
    print(type(x).__name__, x.b)

for cls, cls2 in ((G, J), (G, K), (L, M), (Q, J), (G, list)):
    try:
        cls().__class__ = cls2
        print("assigned", cls.__name__, cls2.__name__)
    except TypeError as e:
        print("TypeError:", e)

seen = []
class Meta(type):
    def mro(cls):
        cls.__dict__["f"]()
        return super().mro()
class A(metaclass=Meta):
    def f():
        seen.append(__class__)
print(seen == [A])

class C1:
    def __init__(self):
        self.b = 42
class C2(C1):
    __slots__ = ["__classcell__"]
    def __init__(self):
        super().__init__()
print(type(C2.__dict__["__classcell__"]).__name__)
c = C2()
print(c.b, hasattr(c, "__classcell__"))
c.__classcell__ = 7
print(c.__classcell__)
try:
    class C3:
        __classcell__ = 42
        __slots__ = ["__classcell__"]
except TypeError as e:
    print("TypeError:", e)

class Q1:
    __slots__ = ["__qualname__"]
print(Q1.__qualname__, type(Q1.__dict__["__qualname__"]).__name__)

try:
    class B2(bool):
        pass
except TypeError as e:
    print("TypeError:", e)
for base, cls, args in ((int, bool, (0,)), (bool, bool, (1,)), (int, int, (5,))):
    try:
        print(repr(base.__new__(cls, *args)))
    except TypeError as e:
        print("TypeError:", e)

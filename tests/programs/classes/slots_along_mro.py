# Which dunder a new class's slots use when the MRO defines it in several
# places: first in the MRO wins, None blocks, mixins supply operators,
# builtin bases keep their own, and odd class dicts (non-str keys, str
# subclass keys) behave as CPython's.


class Base:
    def __add__(self, o):
        return "Base.add"

    def __len__(self):
        return 1

    def __eq__(self, o):
        return "Base.eq"

    __hash__ = object.__hash__


class Mixin:
    def __add__(self, o):
        return "Mixin.add"

    def __sub__(self, o):
        return "Mixin.sub"

    def __iter__(self):
        return iter([1, 2])

    def __lt__(self, o):
        return "Mixin.lt"


class A(Base, Mixin):
    pass


class B(Mixin, Base):
    def __len__(self):
        return 2


class C(A):
    __iter__ = None
    __add__ = None


a, b, c = A(), B(), C()
print(a + 1, a - 1, len(a), list(a), a < 1, a == 1, hash(a) == object.__hash__(a))
print(b + 1, b - 1, len(b), list(b), b < 1, b == 1)
for f in (lambda: c + 1, lambda: iter(c), lambda: c - 1, lambda: len(c)):
    try:
        print(f())
    except TypeError as e:
        print("TypeError", e)


class EqOnly:
    def __eq__(self, o):
        return True


print(EqOnly.__hash__)
try:
    hash(EqOnly())
except TypeError as e:
    print("TypeError", e)


class D(dict):
    pass


class L(list):
    def __len__(self):
        return 99


class S(str):
    def __add__(self, o):
        return "S.add"


print(D(x=1)["x"], len(L([1])), S("a") + "b", "b" + S("a"), S("ab")[1])

# A class dict with a key that is not a str.
X = type("X", (), {1: "one", "__len__": lambda self: 5, "__neg__": lambda self: "neg"})
print(len(X()), -X(), X.__dict__[1])


class Key(str):
    pass


Y = type("Y", (), {Key("__len__"): lambda self: 7, Key("__pos__"): lambda self: "pos"})
print(len(Y()), +Y())

# Slots follow later changes, in the class and its subclasses.
class P:
    pass


class Q(P):
    pass


P.__len__ = lambda self: 3
P.__mul__ = lambda self, o: "P.mul"
print(len(Q()), Q() * 2)
del P.__len__
try:
    len(Q())
except TypeError as e:
    print("TypeError", e)


# Descriptors and attribute hooks from several bases.
class G1:
    def __getattr__(self, name):
        return "G1." + name


class G2:
    def __getattribute__(self, name):
        if name == "magic":
            return "G2.magic"
        return object.__getattribute__(self, name)


class G(G2, G1):
    pass


g = G()
print(g.magic, g.other)


class Desc:
    def __get__(self, obj, cls):
        return "got"


class DescSub(Desc):
    def __set__(self, obj, value):
        print("set", value)


class H:
    d = DescSub()
    e = Desc()


h = H()
h.d = 5
print(h.d, h.e)


# Richer comparisons split across bases.
class R1:
    def __le__(self, o):
        return "R1.le"


class R2:
    def __ge__(self, o):
        return "R2.ge"


class R(R1, R2):
    pass


print(R() <= 1, R() >= 1, 1 <= R(), 1 >= R())
try:
    R() < 1
except TypeError as e:
    print("TypeError", e)

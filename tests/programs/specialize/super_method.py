# `super().name(...)`: the site specializes (warmed in loops), then every
# guard is broken: the method replaced or deleted on the base, a method added
# between the classes, `__bases__` reassigned, a different start type at the
# same site (diamond MRO), a classmethod/staticmethod/property found, a super
# bound to a class, a non-function attribute, `__class__`, a super subclass,
# and the zero-argument form's errors.


class A:
    def m(self, k):
        return ("A.m", k)

    def n(self):
        return "A.n"


class B(A):
    def m(self, k):
        return ("B",) + super().m(k)

    def n(self):
        return "B+" + super().n()


class C(B):
    def m(self, k):
        return ("C",) + super().m(k)


def run(obj, rounds=30):
    out = None
    for i in range(rounds):
        out = obj.m(i)
    return out


print(run(B()))
print(run(C()))

# The base's method replaced, then deleted: the sites follow.
def a_m2(self, k):
    return ("A.m2", k)

A.m = a_m2
print(run(C()))
del A.m
try:
    run(C(), 2)
except AttributeError as e:
    print("AttributeError", e)
A.m = lambda self, k: ("A.lambda", k)
print(run(C()))


# A method added between the classes.
class D(B):
    pass


class E(D):
    def m(self, k):
        return ("E",) + super().m(k)


print(run(E()))
D.m = lambda self, k: ("D.m", k)
print(run(E()))
del D.m
print(run(E()))


# `__bases__` reassigned under a warm site.
class X:
    def m(self, k):
        return ("X.m", k)


class Y:
    def m(self, k):
        return ("Y.m", k)


class Z(X):
    def m(self, k):
        return ("Z",) + super().m(k)


print(run(Z()))
Z.__bases__ = (Y,)
print(run(Z()))


# Diamond: the same site sees different start types, with an MRO whose rest
# is not the next class's own MRO.
class Top:
    def who(self):
        return ["Top"]


class Left(Top):
    def who(self):
        return ["Left"] + super().who()


class Right(Top):
    def who(self):
        return ["Right"] + super().who()


class Bottom(Left, Right):
    def who(self):
        return ["Bottom"] + super().who()


for obj in [Left(), Bottom(), Left(), Right(), Bottom()] * 10:
    r = obj.who()
print(r, Left().who(), Right().who())


# Not plain methods: classmethod, staticmethod, property, plain values.
class K:
    @classmethod
    def cm(cls):
        return ("K.cm", cls.__name__)

    @staticmethod
    def sm(x):
        return ("K.sm", x)

    @property
    def p(self):
        return "K.p"

    value = 42

    def m(self):
        return "K.m"


class L(K):
    def go(self):
        return super().cm(), super().sm(1), super().p, super().value, super().m()

    @classmethod
    def klass(cls):
        return super().cm(), super().m


for i in range(30):
    r1 = L().go()
    r2 = L.klass()
print(r1, r2[0], r2[1].__name__)


# A method that starts as a function, becomes a callable object.
class Callable:
    def __call__(self, k):
        return ("Callable", k)


class M:
    def m(self, k):
        return ("M.m", k)


class N(M):
    def m(self, k):
        return ("N",) + super().m(k)


print(run(N()))
M.m = Callable()
print(run(N()))


# `super().__class__` is the super object's own; a super subclass; two-argument super.
class O:
    def m(self):
        return "O.m"


class P(O):
    def m(self):
        return super().__class__.__name__, super(P, self).m(), MySuper(P, self).m()


class MySuper(super):
    pass


for i in range(30):
    r = P().m()
print(r)


# The zero-argument form's errors and the argument checks.
def no_class():
    return super()


for f in [no_class, lambda: super(1, 2, 3), lambda: super(x=1), lambda: super(int, "a"), lambda: super(1)]:
    try:
        f()
    except (RuntimeError, TypeError) as e:
        print(type(e).__name__, e)
s = super.__new__(super)
for args, kw in [((1, 2, 3), {}), ((), {"x": 1})]:
    try:
        s.__init__(*args, **kw)
    except TypeError as e:
        print("TypeError", e)


class Q:
    def m(self):
        def inner():
            return super().m()
        return inner


try:
    Q().m()()
except RuntimeError as e:
    print("RuntimeError", e)


class R:
    def m(self):
        del self
        return super().m()


try:
    R().m()
except RuntimeError as e:
    print("RuntimeError", e)

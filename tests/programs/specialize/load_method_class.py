# LOAD_METHOD_CLASS: `Class.method(...)` on a class whose metaclass is
# `type`, warmed and then every guard broken: the method reassigned or
# deleted, shadowed by a non-descriptor, replaced by a classmethod or a
# property, a base class changed, other classes through the same site,
# a metaclass, builtin classes' method descriptors.


class Base:
    def m(self):
        return "Base.m"


class A(Base):
    def m(self):
        return "A.m"

    class Inner:
        def __repr__(self):
            return "Inner()"

    helper = len


class B(A):
    pass


class Meta(type):
    def m(cls):
        return "Meta.m"


class WithMeta(metaclass=Meta):
    def m(self):
        return "WithMeta.m"


def call_m(cls, x):
    return cls.m(x)


def inner(cls):
    return cls.Inner()


def helper(cls):
    return cls.helper("abcd")


def join(sep, items):
    return str.join(sep, items)


out = []
for i in range(40):
    out.append(call_m(A, None))
    out.append(repr(inner(A)))
    out.append(helper(A))
    out.append(join(",", ["a", str(i % 3)]))
print(sorted(set(map(str, out))))

# Reassign the method on the class: the version tag changes.
A.m = lambda self: "A.m v2"
print([call_m(A, None) for _ in range(3)])
# Inherited from a changed base.
print(call_m(B, None))
del A.m
print(call_m(A, None), call_m(B, None))
Base.m = lambda self: "Base.m v2"
print(call_m(A, None), call_m(B, None))
# A non-descriptor callable.
A.m = str.upper
print(call_m(A, "xy"))
# A classmethod and a staticmethod and a property: other paths.
A.m = classmethod(lambda cls, x: ("classmethod", cls.__name__, x))
print(call_m(A, 1), call_m(B, 2))
A.m = staticmethod(lambda x: ("staticmethod", x))
print(call_m(A, 3))
A.m = property(lambda self: "prop")
try:
    print(call_m(A, 4))
except TypeError as e:
    print("TypeError", e)
# Several classes through one site.
for cls in (Base, A, B, WithMeta, Meta, int, str):
    try:
        print(cls.__name__, call_m(cls, cls))
    except Exception as e:
        print(cls.__name__, type(e).__name__, e)
# The class attribute replaced by a non-callable and then removed.
A.Inner = 5
try:
    inner(A)
except TypeError as e:
    print("TypeError", e)
del A.Inner
try:
    inner(A)
except AttributeError as e:
    print("AttributeError", e)
# Builtins shadowed in the class namespace lookup: a str subclass.
class S(str):
    def join(self, items):
        return "S.join"
for i in range(30):
    join("-", ["p", "q"])
print(join("-", ["p", "q"]), S.join(S("x"), ["a"]))
def join_s(items):
    return S.join(S("+"), items)
for i in range(30):
    r = join_s(["a", "b"])
print(r)
S.join = str.join
print(join_s(["a", "b"]))

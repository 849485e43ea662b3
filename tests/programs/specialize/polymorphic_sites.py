# Attribute and method sites in a base class's methods that see instances of
# many subclasses (a specialized site meets classes other than the one it
# specialized for): every way another class can answer differently is
# mixed in at the same sites: a class attribute, a property or a slot of
# the same name, `__getattr__`/`__getattribute__`/`__setattr__` hooks,
# attributes set in another order, a materialized `__dict__`, a deleted
# attribute, a method shadowed by an instance attribute, a method replaced
# on a subclass after the site warmed, and non-method class attributes.


class Base:
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def get_a(self):
        return self.a

    def get_b(self):
        return self.b

    def set_b(self, v):
        self.b = v
        return self.b

    def step(self):
        return "Base.step"

    def call_step(self):
        return self.step()


class Plain1(Base):
    def step(self):
        return "Plain1.step"


class Plain2(Base):
    pass


class Reordered(Base):
    def __init__(self, a, b):
        self.z = "z"
        self.b = b
        self.a = a


class ClassAttr(Base):
    a = "class a"

    def __init__(self, a, b):
        self.b = b


class Prop(Base):
    @property
    def a(self):
        return "property a"

    @property
    def b(self):
        return "property b"

    @b.setter
    def b(self, v):
        self.__dict__["_b"] = ("set via property", v)

    def __init__(self, a, b):
        self.b = b


class Slotted(Base):
    __slots__ = ()


class WithSlots:
    __slots__ = ("a", "b")
    get_a = Base.get_a
    set_b = Base.set_b
    call_step = Base.call_step

    def __init__(self, a, b):
        self.a = a
        self.b = b

    def step(self):
        return "WithSlots.step"


class Hooked(Base):
    def __getattr__(self, name):
        return "getattr " + name

    def __init__(self, a, b):
        self.b = b


class GetAttribute(Base):
    def __getattribute__(self, name):
        if name in ("a", "b"):
            return "getattribute " + name
        return object.__getattribute__(self, name)


class SetAttr(Base):
    def __setattr__(self, name, v):
        object.__setattr__(self, name, ("SetAttr", v))


class Materialized(Base):
    def __init__(self, a, b):
        super().__init__(a, b)
        self.__dict__["extra"] = 1


class Shadowing(Base):
    def __init__(self, a, b):
        super().__init__(a, b)
        self.step = lambda: "instance step"


class NotMethod(Base):
    step = staticmethod(lambda: "static step")


class CallableAttr(Base):
    class step:
        def __init__(self, owner=None):
            self.owner = owner

        def __repr__(self):
            return "<step instance>"


def make_all(i):
    return [
        Base(i, -i),
        Plain1(i, -i),
        Plain2(i, -i),
        Reordered(i, -i),
        ClassAttr(i, -i),
        Prop(i, -i),
        Slotted(i, -i),
        WithSlots(i, -i),
        Hooked(i, -i),
        GetAttribute(i, -i),
        SetAttr(i, -i),
        Materialized(i, -i),
        Shadowing(i, -i),
        NotMethod(i, -i),
    ]


def describe(o, rounds):
    out = []
    for _ in range(rounds):
        out = [type(o).__name__, o.get_a(), o.set_b(len(out)), o.call_step()]
        if not isinstance(o, WithSlots):
            out.append(o.get_b())
    return out


# Warm the sites on one class, then run every class through them, in both
# orders, several times.
for o in [Plain2(1, 2)] * 40:
    describe(o, 1)
for rnd in range(3):
    objs = make_all(rnd)
    if rnd == 1:
        objs.reverse()
    for o in objs * 3:
        r = describe(o, 2)
    for o in objs:
        print(rnd, describe(o, 1))

# A deleted attribute: the error is the generic one.
o = Plain2(1, 2)
for _ in range(30):
    o.get_a()
p = Plain1(5, 6)
del p.a
try:
    p.get_a()
except AttributeError as e:
    print("AttributeError", e)

# A subclass gains a class attribute, a method and a data descriptor after
# the sites warmed on it and on its siblings.
objs = [Plain1(1, 2), Plain2(3, 4)] * 20
for o in objs:
    describe(o, 1)
Plain2.a = "now a class attribute"
print(describe(Plain2(7, 8), 1))
Plain2.step = lambda self: "Plain2.step added"
print(describe(Plain2(7, 8), 1))
Plain2.a = property(lambda self: "now a property", lambda self, v: None)
print(describe(Plain2(7, 8), 1))
del Plain2.a
print(describe(Plain2(7, 8), 1))
Plain1.step = 42
try:
    Plain1(1, 2).call_step()
except TypeError as e:
    print("TypeError", e)
print(describe(CallableAttr(1, 2), 1)[3].owner)

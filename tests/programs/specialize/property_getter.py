# A property read (`obj.prop`) whose getter is a plain Python function runs
# the getter's frame from the eval loop; `Class.helper(...)` of a
# staticmethod unwraps it at the site. Warmed, then every guard is broken:
# the property replaced (by a value, another property, a property subclass,
# a getter with defaults or *args), `property.__init__` called again, the
# class given `__getattribute__` or `__getattr__`, the getter raising, the
# instance dict holding the same name, and a generator getter.
import sys


class P:
    def __init__(self, v):
        self._v = v

    @property
    def v(self):
        return self._v * 2


def read(o, rounds=30):
    out = None
    for _ in range(rounds):
        out = o.v
    return out


p = P(3)
print(read(p))
p.__dict__["v"] = "shadow?"
print(read(p))  # the data descriptor wins over the instance dict
del p.__dict__["v"]

P.v = property(lambda self: ("lambda", self._v))
print(read(p))
P.v = property(lambda self, extra=1: ("defaults", self._v, extra))
print(read(p))
P.v = property(lambda *args: ("star", len(args)))
print(read(p))


class LoudProperty(property):
    def __get__(self, obj, owner=None):
        return ("loud", super().__get__(obj, owner))


P.v = LoudProperty(lambda self: self._v)
print(read(p))
P.v = 99
print(read(p))

# The same property object re-initialized under a warm site.
prop = property(lambda self: "first")
P.v = prop
print(read(p))
prop.__init__(lambda self: "second")
print(read(p))
prop.__init__(None)
try:
    read(p, 2)
except AttributeError as e:
    print("AttributeError", e)


# The getter raises; with and without __getattr__.
class Q:
    @property
    def x(self):
        raise AttributeError("no x here")

    @property
    def y(self):
        return 1 // 0


def read_x(o):
    try:
        return o.x
    except AttributeError as e:
        return "AttributeError: %s" % e


for _ in range(30):
    r = read_x(Q())
print(r)
Q.__getattr__ = lambda self, name: "getattr " + name
for _ in range(30):
    r = read_x(Q())
print(r)
del Q.__getattr__
print(read_x(Q()))
try:
    for _ in range(30):
        Q().y
except ZeroDivisionError as e:
    tb = e.__traceback__
    names = []
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print("ZeroDivisionError", names)


# __getattribute__ added to the class after the site warmed.
class R:
    @property
    def x(self):
        return "R.x"


def read_rx(o):
    return o.x


for _ in range(30):
    r = read_rx(R())
print(r)
R.__getattribute__ = lambda self, name: "getattribute " + name
print(read_rx(R()))
del R.__getattribute__
print(read_rx(R()))


# Subclasses at the same site (a different type each time), and a getter
# that looks at its caller's frame.
class S(P):
    pass


class T(P):
    @property
    def v(self):
        return ("T", sys._getframe(1).f_code.co_name)


P.v = property(lambda self: ("P", self._v))
out = []
for o in [P(1), S(2), T(3)] * 12:
    out.append(read(o, 1))
print(out[-3:])


# A generator function as getter.
class G:
    @property
    def gen(self):
        yield 1
        yield 2


for _ in range(30):
    r = list(G().gen)
print(r)


# Recursion through a property is a RecursionError.
class Deep:
    @property
    def down(self):
        return self.down


try:
    Deep().down
except RecursionError as e:
    print("RecursionError", e)


# staticmethod through the class: warmed, then replaced.
class H:
    @staticmethod
    def clamp(v, lo, hi):
        return lo if v < lo else hi if v > hi else v


def use(rounds=30):
    r = None
    for i in range(rounds):
        r = H.clamp(i, 3, 20)
    return r


print(use())
H.clamp = staticmethod(lambda v, lo, hi: ("new", v))
print(use())
H.clamp = classmethod(lambda cls, v, lo, hi: ("cm", cls.__name__, v))
print(use())
H.clamp = staticmethod.__new__(staticmethod)
try:
    use(2)
except RuntimeError as e:
    print("RuntimeError", e)
H.clamp = staticmethod(len)
try:
    use(2)
except TypeError as e:
    print("TypeError", e)

# Looking an attribute up on a class (directly, through an instance, a
# subclass or a method call) leaves the attribute's reference count alone:
# the type attribute cache borrows what it caches, as CPython's does.
import gc
import sys
import weakref


class Marker:
    pass


class Base:
    data = b"XabcdefY" + bytes(len(sys.argv))
    marker = Marker()

    def method(self):
        return 1


class Child(Base):
    pass


def rc(x):
    return sys.getrefcount(x)


before = rc(Base.data)
for _ in range(3):
    Base.data
    Child.data
    Base().data
    Child().data
    getattr(Child, "data")
print("class attribute after lookups", rc(Base.data) - before)

m_before = rc(Base.__dict__["method"])
for _ in range(3):
    Child().method()
    Base.method
print("function after method calls", rc(Base.__dict__["method"]) - m_before)

# Lookups of many other names may replace the cache entry: still the same.
for i in range(200):
    hasattr(Child, "missing%d" % i)
print("after unrelated lookups", rc(Base.data) - before)
gc.collect()
print("after a full collection", rc(Base.data) - before)

# Replacing or deleting the attribute frees the old value at once.
w = weakref.ref(Base.marker)
Child.marker
Child().marker
Base.marker = Marker()
print("old value freed on replace", w() is None)
w2 = weakref.ref(Base.marker)
Child.marker
del Base.marker
print("old value freed on delete", w2() is None)
print("deleted attribute missing", hasattr(Child, "marker"))

# Setting an attribute on the base is seen through the subclass.
Base.marker = "new"
print("subclass sees the new value", Child.marker, Child().marker)

# A class that goes away takes its attributes with it.
def make():
    class Temp:
        obj = Marker()

    return Temp


T = make()
T.obj
T().obj
wt = weakref.ref(T.obj)
del T
gc.collect()
print("attribute of a dead class freed", wt() is None)

# Changing __bases__ sees the new base's attributes.
class Other:
    data = "other"


class Mixin:
    pass


class Switch(Mixin):
    pass


Switch.data = None
del Switch.data
print("before bases change", hasattr(Switch, "data"))
Switch.__bases__ = (Other,)
print("after bases change", Switch.data)
Switch.__bases__ = (Mixin,)
print("back again", hasattr(Switch, "data"))
print("refcount of the bytes at the end", rc(Base.data) - before)

import weakref
class T:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, other):
        return isinstance(other, T) and self.v == other.v
a = T(1)
b = T(1)
ra, rb = weakref.ref(a), weakref.ref(b)
print("eq while alive", ra == rb, ra != rb, ra is rb)
print("hash", hash(ra) == hash(a))
print("getweakrefs", weakref.getweakrefs(a) == [ra], weakref.getweakrefcount(a))
ha = hash(ra)
del a
print("dead", ra(), ra == rb, ra == ra)
print("hash survives", hash(ra) == ha)
c = T(2)
rc = weakref.ref(c)
del c
try:
    hash(rc)
except TypeError as e:
    print("TypeError:", e)
print("type", type(ra).__name__, weakref.ref is weakref.ReferenceType)
print("repr dead", repr(ra).startswith("<weakref at 0x") and repr(ra).endswith("; dead>"))
d = T(3)
print("repr alive", repr(weakref.ref(d)).split(";")[1].split(" at ")[0])
try:
    weakref.ref(d, 1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    weakref.ref()
except TypeError as e:
    print("TypeError:", e)
print("callback None ok", weakref.ref(d, None)() is d)
print("getweakrefcount of int", weakref.getweakrefcount(1), weakref.getweakrefs(1))
class S:
    __slots__ = ("x",)
try:
    weakref.ref(S())
except TypeError as e:
    print("TypeError:", e)
class SW:
    __slots__ = ("x", "__weakref__")
s = SW()
print("slots with __weakref__", weakref.ref(s)() is s)
for obj in [1, "s", b"b", (1,), [1], {1: 2}, 1.5, None]:
    try:
        weakref.ref(obj)
        print("weakrefable", type(obj).__name__)
    except TypeError as e:
        print("TypeError:", e)

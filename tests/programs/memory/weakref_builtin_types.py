import weakref
import sys
def f():
    pass
class C:
    def m(self):
        pass
def gen():
    yield 1
async def coro():
    pass
candidates = {
    "function": f,
    "type": C,
    "instance": C(),
    "bound method": C().m,
    "set": set(),
    "frozenset": frozenset(),
    "generator": gen(),
    "code": f.__code__,
    "module": sys,
    "builtin function": len,
    "property": property(),
    "staticmethod": staticmethod(f),
    "classmethod": classmethod(f),
    "weakref": weakref.ref(C),
    "int subclass": type("I", (int,), {})(3),
    "list subclass": type("L", (list,), {})(),
    "dict subclass": type("D", (dict,), {})(),
    "tuple subclass": type("T", (tuple,), {})(),
    "str subclass": type("S", (str,), {})("x"),
    "object": object(),
    "range": range(3),
    "slice": slice(1),
    "bytearray": bytearray(),
    "memoryview": memoryview(b"ab"),
    "cell": (lambda: candidates).__closure__,
}
for name, obj in candidates.items():
    try:
        r = weakref.ref(obj)
        print(name, "yes", r() is obj)
    except TypeError as e:
        print(name, "no:", e)
c = coro()
print("coroutine", weakref.ref(c)() is c)
c.close()
print("__weakref__ attribute", C.__weakref__.__name__, C().__weakref__)
i = C()
r = weakref.ref(i)
print("__weakref__ is the ref", i.__weakref__ is r)

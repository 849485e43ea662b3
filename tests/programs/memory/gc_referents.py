import gc
class C:
    pass
print(gc.get_referents())
print(gc.get_referents(1, 2.0, "s", b"b", None))
print(gc.get_referents([1, "a", None]))
print(gc.get_referents((1, 2)))
print(sorted(gc.get_referents({"a": 1, "b": 2}), key=repr))
print(gc.get_referents([1], (2,)))
s = {1, 2, 3}
print(sorted(gc.get_referents(s)))
c = C()
c.x = 5
c.y = "v"
refs = gc.get_referents(c)
print(C in refs, sorted(repr(r) for r in refs if not isinstance(r, type)))
vars(c)
print("with __dict__", [type(r).__name__ for r in gc.get_referents(c)])
class S:
    __slots__ = ("a", "b")
s = S()
s.a = "slot a"
print("slots", [r for r in gc.get_referents(s) if r is not S])
def outer():
    v = [1]
    def inner():
        return v
    return inner
f = outer()
cells = [r for r in gc.get_referents(f) if type(r).__name__ == "tuple"]
print("closure tuple found", any(len(t) == 1 and type(t[0]).__name__ == "cell" for t in cells))
cell = f.__closure__[0]
print("cell", gc.get_referents(cell))
print("bound method", [type(r).__name__ for r in gc.get_referents(c.__init__)])

# property(), staticmethod(), classmethod() used directly as builtins.
class C:
    def _get(self):
        return self._x
    def _set(self, v):
        self._x = v * 2
    def _del(self):
        del self._x
    x = property(_get, _set, _del, "the x property")
    y = property(fget=lambda self: "only getter")
    z = property()
c = C()
c.x = 5
print(c.x, C.x.__doc__, C.y.__doc__, c.y)
del c.x
print(hasattr(c, "_x"))
for bad in [lambda: c.z, lambda: setattr(c, "z", 1), lambda: delattr(c, "y")]:
    try:
        bad()
    except AttributeError as e:
        print("AttributeError:", e)
p = property(lambda self: 1)
p2 = p.setter(lambda self, v: None)
p3 = p2.deleter(lambda self: None)
print(p.fset, p2.fset is not None, p3.fdel is not None, p is not p2, type(p3).__name__)
def plain(*args):
    return args
sm = staticmethod(plain)
cm = classmethod(plain)
print(sm(1, 2), sm.__func__ is plain, cm.__func__ is plain, callable(sm), type(sm).__name__, type(cm).__name__)
class D:
    s = sm
    k = cm
print(D.s(1), D().s(2), D.k(3)[0].__name__, D().k(4)[1])
print(isinstance(C.__dict__["x"], property), property.__name__, staticmethod.__name__, classmethod.__name__)
class E:
    @property
    def doc_from_getter(self):
        "Getter docstring becomes property doc."
        return 1
print(E.doc_from_getter.__doc__)

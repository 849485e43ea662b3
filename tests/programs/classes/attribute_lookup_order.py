# Full attribute lookup precedence.
log = []
class DataDesc:
    def __get__(self, obj, typ): return "data descriptor"
    def __set__(self, obj, v): log.append(("set via data descriptor", v))
class NonDataDesc:
    def __get__(self, obj, typ): return "non-data descriptor"
class Meta(type):
    meta_attr = "from metaclass"
class C(metaclass=Meta):
    d = DataDesc()
    n = NonDataDesc()
    plain = "class attribute"
    def __getattr__(self, name):
        return "__getattr__ for " + name
c = C()
c.__dict__.update(d="instance d", n="instance n", plain="instance plain")
print(c.d)
print(c.n)
print(c.plain)
print(c.missing)
c.d = 5
print(log, c.__dict__["d"])
print(C.meta_attr, hasattr(c, "meta_attr"), c.meta_attr)
print(C.d, C.n, C.plain)
class Base:
    x = "base x"
class Mid(Base):
    pass
class Leaf(Mid):
    pass
l = Leaf()
print(l.x)
Mid.x = "mid x"
print(l.x)
l.x = "leaf instance x"
print(l.x, Leaf.x)
del Mid.x
print(Leaf.x)
class MetaProp(type):
    @property
    def shout(cls): return cls.__name__.upper()
class WithMetaProp(metaclass=MetaProp): pass
print(WithMetaProp.shout, hasattr(WithMetaProp(), "shout"))

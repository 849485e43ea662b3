# Overriding and extending properties in subclasses.
class Base:
    def __init__(self): self._v = 1
    @property
    def v(self): return self._v
    @v.setter
    def v(self, val): self._v = val
class ExtendGetter(Base):
    @Base.v.getter
    def v(self): return self._v * 100
class ExtendSetter(Base):
    @Base.v.setter
    def v(self, val): self._v = -val
e = ExtendGetter()
e.v = 2
print(e.v, e._v)
s = ExtendSetter()
s.v = 5
print(s.v)
print(Base.v is not ExtendGetter.v, Base.v.fset is ExtendGetter.v.fset)
class Override(Base):
    v = 'plain class attribute'
print(Override().v)
class Computed:
    @property
    def full(self): return self.first + " " + self.last
    def __init__(self, f, l): self.first, self.last = f, l
class WithTitle(Computed):
    @property
    def full(self): return "Dr. " + super().full
print(WithTitle("Ada", "Lovelace").full)
class AbstractProp:
    @property
    def kind(self): raise NotImplementedError
class Concrete(AbstractProp):
    kind = "concrete"
print(Concrete().kind)
try:
    AbstractProp().kind
except NotImplementedError:
    print("NotImplementedError raised from property")
p = property(lambda self: 1)
print(p.getter(lambda self: 2).fget(None), p.fset, p.deleter(lambda s: None).fdel is not None)

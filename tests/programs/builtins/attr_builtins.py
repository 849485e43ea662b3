# getattr, setattr, hasattr, delattr.
class C:
    cls_attr = "class"
    def method(self): return "method"
    @property
    def prop(self): return "property"
    @property
    def broken(self): raise ValueError("property raises ValueError")
    @property
    def attr_err(self): raise AttributeError("property raises AttributeError")
o = C()
setattr(o, "x", 1)
setattr(o, "with space", 2)
print(getattr(o, "x"), getattr(o, "with space"), getattr(o, "cls_attr"), getattr(o, "method")(), getattr(o, "prop"))
print(getattr(o, "missing", "default"), getattr(o, "missing", None), getattr(C, "cls_attr"), getattr(5, "real"), getattr("s", "upper")())
print(hasattr(o, "x"), hasattr(o, "nope"), hasattr(C, "method"), hasattr(o, "attr_err"), hasattr(1, "__add__"))
try:
    hasattr(o, "broken")
except ValueError as e:
    print("hasattr propagates non-AttributeError:", e)
delattr(o, "x")
print(hasattr(o, "x"), vars(o))
for bad in [lambda: getattr(o, "nope"), lambda: getattr(o, 5), lambda: setattr(o, 5, 1), lambda: delattr(o, "nope"),
            lambda: setattr(1, "x", 2), lambda: delattr(C, "nope"), lambda: getattr(o), lambda: getattr(o, "attr_err")]:
    try:
        bad()
    except (AttributeError, TypeError) as e:
        print(type(e).__name__ + ":", e)
setattr(C, "added", lambda self: "added method")
print(o.added())
delattr(C, "added")
print(hasattr(o, "added"))
try:
    getattr(o, "broken", "default")
except ValueError as e:
    print("ValueError:", e)
print(getattr(o, "attr_err", "default used"))

# Metaclasses: __new__, __init__, __call__, __prepare__, class keyword args.
class Meta(type):
    def __new__(mcs, name, bases, ns, **kw):
        print("Meta.__new__", name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")), kw)
        ns["added_by_meta"] = True
        return super().__new__(mcs, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        print("Meta.__init__", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *args, **kwargs):
        print("Meta.__call__", cls.__name__, args)
        return super().__call__(*args, **kwargs)
    def describe(cls):
        return "class " + cls.__name__
class Base(metaclass=Meta, flag=1):
    x = 1
    def __init__(self, v):
        print("Base.__init__", v)
        self.v = v
class Derived(Base):
    y = 2
b = Derived(5)
print(b.v, Derived.added_by_meta, type(Derived).__name__, Derived.describe())
print(isinstance(Derived, Meta), isinstance(b, Meta), hasattr(b, "describe"))
print(type(type), type(int), type(Meta), isinstance(int, type))
class Ordered(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        print("prepare", name)
        return {"preloaded": "yes"}
class P(metaclass=Ordered):
    a = 1
print(P.preloaded, P.a)
class Singleton(type):
    _instances = {}
    def __call__(cls, *a):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*a)
        return cls._instances[cls]
class Config(metaclass=Singleton):
    def __init__(self, v): self.v = v
print(Config(1) is Config(2), Config(3).v)
class M1(type): pass
class M2(type): pass
class A1(metaclass=M1): pass
class A2(metaclass=M2): pass
try:
    class Conflict(A1, A2): pass
except TypeError as e:
    print("TypeError:", e)
class M3(M1): pass
class A3(metaclass=M3): pass
class Ok(A1, A3): pass
print(type(Ok).__name__)
Dyn = Meta("Dyn", (), {"z": 26})
print(Dyn.z, Dyn.added_by_meta)
class Repr(type):
    def __repr__(cls): return f"<Class {cls.__name__}>"
class R(metaclass=Repr): pass
print(R, [R])

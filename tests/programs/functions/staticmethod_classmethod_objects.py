# staticmethod/classmethod objects and functions as descriptors.
def plain(*args):
    return args
class C:
    f = plain
    s = staticmethod(plain)
    c = classmethod(plain)
    def __repr__(self): return "C()"
obj = C()
print(obj.f(1), C.f(1))
print(obj.s(1), C.s(1))
print(obj.c(1)[0].__name__, C.c(1)[1])
sm = C.__dict__['s']
cm = C.__dict__['c']
print(type(sm).__name__, type(cm).__name__, sm.__func__ is plain, cm.__func__ is plain)
print(sm(5))
bound = plain.__get__(obj, C)
print(type(bound).__name__, bound(2)[1], bound.__self__ is obj)
print(plain.__get__(None, C) is plain)
class D:
    @staticmethod
    def make(): return "made"
    @classmethod
    def build(cls): return cls.__name__
class E(D): pass
print(D.make(), E.make(), D.build(), E.build(), E().build())
print(isinstance(D.__dict__['make'], staticmethod), isinstance(D.__dict__['build'], classmethod))
print(D.__dict__['make'].__wrapped__ is D.make)

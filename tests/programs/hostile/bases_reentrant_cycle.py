# __bases__ assignments made from inside a metaclass's mro() must not
# build an inheritance cycle (through __base__ or __subclasses__).
class Meta(type):
    ready = False

    def mro(cls):
        if Meta.ready:
            if cls.__name__ == "B1":
                B2.__bases__ = (B1,)
            if cls.__name__ == "B2":
                B1.__bases__ = (B2,)
        return type.mro(cls)


class A(metaclass=Meta):
    pass


class B1(A):
    pass


class B2(A):
    pass


Meta.ready = True
try:
    B1.__bases__ += ()
except TypeError as e:
    print("TypeError:", e)
Meta.ready = False
print([c.__name__ for c in B1.__mro__], [c.__name__ for c in B2.__mro__])


class Meta2(type):
    ready = False

    def mro(cls):
        if Meta2.ready and cls.__name__ == "C":
            Meta2.ready = False
            C.__bases__ = (D2,)
        return type.mro(cls)


class Base(metaclass=Meta2):
    pass


class D1(Base):
    pass


class D2(Base):
    pass


class C(Base):
    pass


Meta2.ready = True
C.__bases__ = (D1,)
D1.__bases__ = (C,)
print([c.__name__ for c in C.__bases__], [c.__name__ for c in D2.__subclasses__()])
print([c.__name__ for c in D1.__subclasses__()], [c.__name__ for c in D1.__bases__])
print([c.__name__ for c in C.__subclasses__()])
print([c.__name__ for c in D1.__mro__])

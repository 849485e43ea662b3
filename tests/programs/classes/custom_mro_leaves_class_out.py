# A metaclass whose mro() leaves the class itself out: the class is then no
# subclass of itself by its MRO, so class creation's super(C, C) call for
# __init_subclass__ refuses it (CPython's PyType_IsSubtype reads the MRO).
class B:
    pass

class M(type):
    def mro(cls):
        del M.mro
        return (B,)

try:
    class A(metaclass=M):
        pass
except TypeError as e:
    print("TypeError:", e)

class M2(type):
    def mro(cls):
        return [cls, B, object]

class C(metaclass=M2):
    pass
print([k.__name__ for k in C.__mro__], issubclass(C, C), super(C, C).__self__ is C)

# A metaclass's mro() runs while the class has no MRO yet: __mro__ is None,
# subclassing it is a TypeError, super() lookups find nothing.
class Meta(type):
    def mro(cls):
        print("mro of", cls.__name__, "sees __mro__", cls.__mro__)
        if cls.__name__ == "A":
            try:
                class X(cls):
                    pass
            except TypeError as e:
                print("TypeError:", e)
            try:
                super(cls, cls).missing
            except AttributeError as e:
                print("AttributeError:", type(e).__name__)
        return type.mro(cls)


class A(metaclass=Meta):
    pass


print(A.__mro__)
print([c.__name__ for c in A.__mro__])

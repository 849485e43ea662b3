# A comparison dunder whose descriptor raises on __get__ counts as not
# implemented (identity decides ==); a property attribute's own
# AttributeError is not masked.


def booh(self):
    raise AttributeError("booh")


class A:
    a = property(booh)


try:
    A().a
except AttributeError as x:
    print("AttributeError", x)


class E:
    __eq__ = property(booh)
    __lt__ = property(booh)


e = E()
print(E() == E(), e == e, E() != E())
try:
    E() < E()
except TypeError as x:
    print("TypeError", x)


class Raises:
    @property
    def __eq__(self):
        raise ValueError("not an AttributeError")


print(Raises() == Raises())

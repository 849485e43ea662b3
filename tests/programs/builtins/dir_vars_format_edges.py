# dir() of an object whose __class__ cannot be read, vars() through a
# class-level __dict__ property, object.__format__ with a non-str spec.


class NoClass:
    __slots__ = ["__class__", "__dict__"]

    def __init__(self):
        self.bar = "wow"


print(dir(NoClass()))


class DictProperty:
    def get_dict(self):
        return {"a": 2}

    __dict__ = property(fget=get_dict)


print(vars(DictProperty()), type(DictProperty.__dict__["__dict__"]).__name__)


class WeakrefAttr:
    __weakref__ = "mine"


print(WeakrefAttr.__weakref__)
for spec in (3, None, b"", ""):
    try:
        print(repr(object().__format__(spec))[:9])
    except TypeError as e:
        print("TypeError", e)
try:
    format(object(), "x")
except TypeError as e:
    print("TypeError", e)


class F:
    def a(self):
        pass


F.a.known_attr = 7
print("known_attr" in dir(F().a), "zz" in dir(DictProperty()), "a" in dir(DictProperty()))

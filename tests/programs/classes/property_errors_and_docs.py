# property: the messages of a missing getter/setter/deleter (qualified
# owner name, repr of the property's name), __set_name__'s argument check,
# and how getter() copies and subclasses carry the doc.


class Outer:
    class Inner:
        anon = property()
        named = property()

    Inner.named.__set_name__(Inner, "named")


Outer.Inner.late = property()
obj = Outer.Inner()
for action in (lambda: obj.late, lambda: setattr(obj, "late", 1), lambda: delattr(obj, "late"),
               lambda: obj.anon, lambda: setattr(obj, "anon", 1), lambda: delattr(obj, "anon"),
               lambda: obj.named, lambda: setattr(obj, "named", 1), lambda: delattr(obj, "named")):
    try:
        action()
    except AttributeError as e:
        print("AttributeError:", e)

p = property()
for args in [(), (1,), (1, 2, 3)]:
    try:
        p.__set_name__(*args)
    except TypeError as e:
        print("TypeError:", e)


class Base:
    @property
    def spam(self):
        """Base.getter"""
        return 5

    @spam.setter
    def spam(self, value):
        pass


class Sub(Base):
    @Base.spam.getter
    def spam(self):
        """Sub.getter"""
        return 6


class NewGetter:
    @property
    def spam(self):
        """original docstring"""
        return 1

    @spam.getter
    def spam(self):
        """new docstring"""
        return 8


print(Base.spam.__doc__, Sub.spam.__doc__, Sub().spam, NewGetter.spam.__doc__, NewGetter().spam)


class PropertySub(property):
    """This is a subclass of property"""


class UsesSub:
    @PropertySub
    def documented(self):
        """spam wrapped in property subclass"""
        return 1

    @PropertySub
    def undocumented(self):
        return 2

    @documented.getter
    def documented(self):
        """new docstring"""
        return 5


print(UsesSub.documented.__doc__, UsesSub.undocumented.__doc__, UsesSub().documented)

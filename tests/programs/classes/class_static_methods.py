# classmethod and staticmethod usage.
class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
    @classmethod
    def from_string(cls, s):
        y, m, d = map(int, s.split("-"))
        return cls(y, m, d)
    @staticmethod
    def is_leap(y):
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    def __repr__(self):
        return f"{type(self).__name__}({self.y}, {self.m}, {self.d})"
class MyDate(Date):
    pass
print(Date.from_string("2024-02-29"), MyDate.from_string("1999-12-31"))
print(Date.is_leap(2000), Date.is_leap(1900), Date(1, 1, 1).is_leap(2024))
class Registry:
    items = []
    @classmethod
    def add(cls, x):
        cls.items = cls.items + [x]
        return cls
class SubRegistry(Registry):
    pass
Registry.add(1)
SubRegistry.add(2).add(3)
print(Registry.items, SubRegistry.items)
class Tool:
    @staticmethod
    def ident(x):
        return x
    @classmethod
    def name(cls):
        return cls.__name__
    table = [ident]
print(Tool.ident(5), Tool().name(), Tool.table[0](9))
cm = classmethod(lambda cls: cls.__name__)
class Late:
    pass
Late.who = cm
print(Late.who(), Late().who())
class Chained:
    @classmethod
    @property
    def prop(cls):
        return "class property of " + cls.__name__
print(Chained.prop)

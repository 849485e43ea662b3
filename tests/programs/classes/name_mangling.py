# Private name mangling.
class Account:
    __count = 0
    def __init__(self, owner):
        self.__owner = owner
        Account.__count += 1
    def owner(self):
        return self.__owner
    @classmethod
    def count(cls):
        return cls.__count
    def __private_method(self):
        return "private"
    def call_private(self):
        return self.__private_method()
    def __dunder__(self):
        return "dunders are not mangled"
a = Account("ann")
Account("bob")
print(a.owner(), Account.count(), a.call_private(), a.__dunder__())
print(sorted(vars(a)), '_Account__count' in Account.__dict__)
print(a._Account__owner, a._Account__private_method())
try:
    a.__owner
except AttributeError as e:
    print("AttributeError:", e)
class Sub(Account):
    def __init__(self, owner):
        super().__init__(owner)
        self.__owner = "sub-" + owner
    def sub_owner(self):
        return self.__owner
s = Sub("cy")
print(s.owner(), s.sub_owner(), sorted(vars(s)))
class _Leading:
    def __m(self): return "mangled with stripped underscore"
print(_Leading()._Leading__m())
class ___:
    def __m(self): return "all underscores: not mangled"
print(___().__m())
class M:
    def get(self):
        return getattr(self, "__x", "getattr strings are not mangled")
    def f(self):
        __local = 5
        return __local
print(M().get(), M().f(), M.f.__code__.co_varnames)

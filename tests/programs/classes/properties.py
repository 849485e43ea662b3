# property with getter, setter, deleter, and validation.
class Temperature:
    def __init__(self, celsius):
        self.celsius = celsius
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value
    @celsius.deleter
    def celsius(self):
        print("deleting")
        del self._c
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print("AttributeError:", e)
del t.celsius
print(hasattr(t, "_c"))
try:
    del t.fahrenheit
except AttributeError as e:
    print("AttributeError:", e)
prop = Temperature.__dict__['celsius']
print(type(prop).__name__, prop.fget.__name__, prop.fset is not None, prop.fdel is not None)
print(Temperature.fahrenheit.fset, Temperature.fahrenheit.__doc__)
class Old:
    def _get(self): return "old-style value"
    def _set(self, v): self._v = v
    x = property(_get, _set, None, "the x doc")
print(Old().x, Old.x.__doc__)
class Doc:
    @property
    def p(self):
        "getter doc"
        return 1
print(Doc.p.__doc__)
class Lazy:
    def __init__(self):
        self.computed = 0
    @property
    def value(self):
        self.computed += 1
        return 42
l = Lazy()
print(l.value, l.value, l.computed)
class Sub(Temperature):
    @property
    def celsius(self):
        return "overridden"
print(Sub.__dict__['celsius'].fset)
try:
    Sub(5)
except AttributeError as e:
    print("AttributeError:", e)

# A class's __dict__ descriptor on an instance whose dict a builtin base
# keeps (a metaclass's class, a module or exception subclass's instance)
# goes through that base's own descriptor, as CPython's subtype_dict does.
import types

class Base:
    pass

class Meta1(type, Base):
    pass

class Meta2(Base, type):
    pass

class D(metaclass=Meta1):
    pass

class E(metaclass=Meta2):
    pass

descr = Base.__dict__["__dict__"]
for cls in (D, E):
    print(cls.__name__, type(cls.__dict__).__name__, type(descr.__get__(cls)).__name__)
    for action in (lambda: descr.__set__(cls, {}), lambda: descr.__delete__(cls)):
        try:
            action()
            print("allowed")
        except (AttributeError, TypeError) as e:
            print(type(e).__name__, e)
    try:
        cls.__dict__["spam"] = "eggs"
    except TypeError as e:
        print("TypeError:", e)

class Module1(types.ModuleType, Base):
    pass
m = Module1("spam")
try:
    descr.__set__(m, {})
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
m.__dict__["x"] = 1
print(m.x, descr.__get__(m) is m.__dict__)

class Exception1(Exception, Base):
    pass
e = Exception1()
descr.__set__(e, {"a": 1})
print(e.a, e.__dict__)
try:
    del e.__dict__
except TypeError as err:
    print("TypeError:", err)

class Plain:
    pass
p = Plain()
p.__dict__ = {"b": 2}
print(p.b)
del p.__dict__
print(p.__dict__)

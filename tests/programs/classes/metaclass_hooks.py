# Order of class-creation hooks: __prepare__, body, __set_name__, __init_subclass__, metaclass __init__.
class Desc:
    def __set_name__(self, owner, name):
        print("4. __set_name__", name)
class Meta(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        print("1. __prepare__", name, kw)
        return {}
    def __new__(mcs, name, bases, ns, **kw):
        print("3. Meta.__new__ start", name)
        cls = super().__new__(mcs, name, bases, ns, **kw)
        print("6. Meta.__new__ end", name)
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("7. Meta.__init__", name)
        super().__init__(name, bases, ns)
class Base(metaclass=Meta):
    def __init_subclass__(cls, **kw):
        print("5. __init_subclass__", cls.__name__, kw)
print("-- defining Child")
class Child(Base, option=True):
    print("2. class body")
    d = Desc()
print("-- done")
print(type(Child).__name__, Child.__qualname__)
def make_class(name, **attrs):
    return Meta(name, (Base,), attrs, option="dynamic")
K = make_class("K", x=1)
print(K.x, K.__name__, K.__module__)

# Data and non-data descriptors, precedence over instance dict.
class Typed:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        self.name = name
        self.storage = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.storage, None)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}, got {type(value).__name__}")
        setattr(obj, self.storage, value)
    def __delete__(self, obj):
        print("deleting", self.name)
        delattr(obj, self.storage)
class Person:
    name = Typed(str)
    age = Typed(int)
    def __init__(self, name, age):
        self.name = name
        self.age = age
p = Person("Ann", 30)
print(p.name, p.age, sorted(vars(p)))
try:
    p.age = "thirty"
except TypeError as e:
    print("TypeError:", e)
del p.age
print(p.age)
print(type(Person.name).__name__, Person.name.name, Person.age.storage)
p.__dict__["name"] = "shadow"
print(p.name)
class NonData:
    def __get__(self, obj, objtype=None):
        return "from descriptor"
class Holder:
    attr = NonData()
h = Holder()
print(h.attr, Holder.attr)
h.__dict__["attr"] = "from instance dict"
print(h.attr)
h.attr = "assigned"
print(h.attr, Holder.attr)
class Verbose:
    def __get__(self, obj, objtype):
        return f"get obj={type(obj).__name__} type={objtype.__name__}"
class V:
    d = Verbose()
class W(V):
    pass
print(V().d)
print(V.d)
print(W().d)
class ReadOnly:
    def __get__(self, obj, objtype=None): return 42
    def __set__(self, obj, v): raise AttributeError("read-only")
class R:
    x = ReadOnly()
r = R()
try:
    r.x = 1
except AttributeError as e:
    print("AttributeError:", e)
r.__dict__['x'] = 'ignored'
print(r.x)
class Counter:
    def __get__(self, obj, objtype=None):
        if obj is None: return self
        obj._n = getattr(obj, "_n", 0) + 1
        return obj._n
class C:
    n = Counter()
c = C()
print(c.n, c.n, c.n)

# __setattr__ and __delattr__ hooks.
class Frozen:
    def __init__(self, **kw):
        for k, v in kw.items():
            object.__setattr__(self, k, v)
    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name!r}: frozen")
    def __delattr__(self, name):
        raise AttributeError(f"cannot delete {name!r}: frozen")
f = Frozen(a=1, b=2)
print(f.a, f.b)
for action in (lambda: setattr(f, 'a', 5), lambda: delattr(f, 'b')):
    try:
        action()
    except AttributeError as e:
        print("AttributeError:", e)
try:
    f.c = 3
except AttributeError as e:
    print("AttributeError:", e)
class Tracked:
    def __init__(self):
        self.changes = []
        self.x = 0
    def __setattr__(self, name, value):
        if name != "changes":
            self.changes.append((name, value))
        super().__setattr__(name, value)
    def __delattr__(self, name):
        self.changes.append(("del", name))
        super().__delattr__(name)
t = Tracked()
t.x = 5
t.y = "new"
t.x += 1
del t.y
print(t.changes, vars(t))
class Validated:
    def __setattr__(self, name, value):
        if name == "age" and not isinstance(value, int):
            raise TypeError("age must be int")
        self.__dict__[name] = value
v = Validated()
v.age = 30
try:
    v.age = "old"
except TypeError as e:
    print("TypeError:", e)
print(v.age, v.__dict__)
class Lower:
    def __setattr__(self, name, value):
        object.__setattr__(self, name.lower(), value)
lo = Lower()
setattr(lo, "MiXeD", 1)
lo.UP = 2
print(sorted(vars(lo)))
try:
    object.__setattr__(1, "x", 2)
except AttributeError as e:
    print("AttributeError:", e)
try:
    setattr(object(), "x", 1)
except AttributeError as e:
    print("AttributeError:", e)
try:
    (1).real = 5
except AttributeError as e:
    print("AttributeError:", e)

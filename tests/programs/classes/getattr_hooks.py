# __getattr__ is called only when normal lookup fails.
class Proxy:
    def __init__(self, target):
        self._target = target
        self.log = []
    def __getattr__(self, name):
        self.log.append(name)
        return getattr(self._target, name)
p = Proxy([3, 1, 2])
p.append(0)
p.sort()
print(p._target, p.log)
try:
    p.nonexistent
except AttributeError as e:
    print("AttributeError:", e)
class Defaults:
    x = 1
    def __getattr__(self, name):
        if name.startswith("d_"):
            return name[2:].upper()
        raise AttributeError(f"no {name!r} here")
d = Defaults()
print(d.x, d.d_hello)
try:
    d.other
except AttributeError as e:
    print("AttributeError:", e)
print(getattr(d, "other", "fallback"), hasattr(d, "d_x"), hasattr(d, "zzz"))
class Dynamic:
    def __getattr__(self, name):
        def method(*args):
            return f"{name}{args}"
        return method
print(Dynamic().anything(1, 2), Dynamic().foo())
class FromProperty:
    @property
    def broken(self):
        raise AttributeError("inner problem")
    def __getattr__(self, name):
        return "getattr fallback for " + name
print(FromProperty().broken)
class Rec:
    def __init__(self):
        self.data = {"a": 1}
    def __getattr__(self, name):
        try:
            return self.__dict__["data"][name]
        except KeyError:
            raise AttributeError(name) from None
r = Rec()
print(r.a)
try:
    r.b
except AttributeError as e:
    print("AttributeError:", repr(e))

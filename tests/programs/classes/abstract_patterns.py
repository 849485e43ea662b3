# Abstract-base-class patterns without the abc module.
class Shape:
    def area(self):
        raise NotImplementedError(f"{type(self).__name__} must implement area")
    def describe(self):
        return f"{type(self).__name__} with area {self.area():.2f}"
class Rect(Shape):
    def __init__(self, w, h): self.w, self.h = w, h
    def area(self): return self.w * self.h
class Circle(Shape):
    def __init__(self, r): self.r = r
    def area(self): return 3.14159 * self.r ** 2
class Blob(Shape):
    pass
for s in [Rect(2, 3), Circle(1), Blob()]:
    try:
        print(s.describe())
    except NotImplementedError as e:
        print("NotImplementedError:", e)
class Interface:
    required = ("start", "stop")
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        missing = [m for m in cls.required if not callable(getattr(cls, m, None))]
        if missing:
            raise TypeError(f"{cls.__name__} missing {', '.join(missing)}")
class Engine(Interface):
    def start(self): return "vroom"
    def stop(self): return "halt"
print(Engine().start())
try:
    class Broken(Interface):
        def start(self): pass
except TypeError as e:
    print("TypeError:", e)
print(NotImplemented, repr(NotImplemented), type(NotImplemented).__name__)
print(issubclass(NotImplementedError, RuntimeError))

# vars() and dir() on user objects, classes and modules.
class Base:
    base_attr = 1
    def base_method(self): pass
class Child(Base):
    child_attr = 2
    def __init__(self):
        self.inst = 3
        self._private = 4
    def child_method(self): pass
c = Child()
print(vars(c), c.__dict__ is vars(c))
print(sorted(k for k in vars(Child) if not k.startswith("__")))
print([n for n in dir(c) if not n.startswith("__")])
print([n for n in dir(Child) if not n.startswith("__")])
print(dir(c) == sorted(dir(c)), "__init__" in dir(c), "__class__" in dir(c), "inst" in dir(Child))
class WithDir:
    def __dir__(self):
        return ["z", "a", "m"]
print(dir(WithDir()))
class Slotted:
    __slots__ = ("x", "y")
s = Slotted()
s.x = 1
try:
    vars(s)
except TypeError as e:
    print("TypeError:", e)
print([n for n in dir(s) if not n.startswith("__")])
def f():
    a = 1
    b = "two"
    return vars(), sorted(dir())
print(f())
import sys
print("argv" in dir(sys), "exit" in vars(sys), type(vars(sys)).__name__)
print("c" in dir(), "Child" in vars(), vars() is globals())
try:
    vars(1)
except TypeError as e:
    print("TypeError:", e)
print("append" in dir([]), "upper" in dir(""), "real" in dir(1), len([n for n in dir(object()) if not n.startswith("_")]))

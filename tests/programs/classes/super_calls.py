# super() in various forms.
class A:
    def __init__(self, x):
        print("A.__init__", x)
        self.x = x
    def method(self):
        return "A.method"
    @classmethod
    def create(cls):
        return "A.create for " + cls.__name__
    @staticmethod
    def helper():
        return "A.helper"
class B(A):
    def __init__(self, x, y):
        print("B.__init__", y)
        super().__init__(x)
        self.y = y
    def method(self):
        return "B.method > " + super().method()
    @classmethod
    def create(cls):
        return "B.create > " + super().create()
    def call_helper(self):
        return super().helper()
b = B(1, 2)
print(b.x, b.y, b.method(), B.create(), b.call_helper())
print(super(B, b).method())
print(super(B, B).create())
class C(B):
    def method(self):
        return "C.method > " + super(B, self).method()
print(C(3, 4).method())
s = super(B, b)
print(type(s).__name__, s.__thisclass__.__name__, s.__self__ is b)
print(super(B, b).__init__ is not None)
class D(A):
    def __getattr__(self, name):
        return "getattr:" + name
d = D(0)
print(d.anything)
try:
    super(D, d).anything
except AttributeError as e:
    print("AttributeError:", e)
try:
    super(int, b)
except TypeError as e:
    print("TypeError:", e)
class Repr:
    def __repr__(self):
        return "Repr!"
class SubRepr(Repr):
    def __repr__(self):
        return "Sub(" + super().__repr__() + ")"
print(repr(SubRepr()))
class E(list):
    def append(self, v):
        super().append(v * 2)
e = E()
e.append(5)
print(e)

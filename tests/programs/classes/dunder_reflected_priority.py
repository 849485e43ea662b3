# Reflected operand priority: subclass's reflected method goes first.
class Num:
    def __init__(self, v): self.v = v
    def __add__(self, o):
        print(f"{type(self).__name__}.__add__")
        return NotImplemented if not isinstance(o, Num) else type(self)(self.v + o.v)
    def __radd__(self, o):
        print(f"{type(self).__name__}.__radd__")
        return type(self)(self.v + (o.v if isinstance(o, Num) else o))
    def __lt__(self, o):
        print(f"{type(self).__name__}.__lt__")
        return NotImplemented
    def __gt__(self, o):
        print(f"{type(self).__name__}.__gt__")
        return True
    def __repr__(self): return f"{type(self).__name__}({self.v})"
class Sub(Num):
    def __radd__(self, o):
        print("Sub.__radd__ (override)")
        return Sub(-1)
print(Num(1) + Num(2))
print(Num(1) + Sub(2))
print(Sub(1) + Num(2))
print(5 + Num(3))
print(Num(1) < Num(2))
print(Num(1) < Sub(2))
class Left:
    def __add__(self, o):
        print("Left.__add__ -> NotImplemented")
        return NotImplemented
class Right:
    def __radd__(self, o):
        print("Right.__radd__")
        return "right wins"
print(Left() + Right())
class Neither:
    def __add__(self, o): return NotImplemented
    def __radd__(self, o): return NotImplemented
try:
    Neither() + Neither()
except TypeError as e:
    print("TypeError:", e)
try:
    Left() + 1
except TypeError as e:
    print("TypeError:", e)
class SameRadd:
    def __radd__(self, o):
        print("never for same type")
        return 0
try:
    SameRadd() + SameRadd()
except TypeError as e:
    print("TypeError:", e)
print(1 + 2.5, 2.5 + 1, True + 1.5, 1 + 2j)
class IntSub(int):
    def __radd__(self, o):
        return "IntSub.__radd__"
print(1 + IntSub(2), IntSub(2) + 1)

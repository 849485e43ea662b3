# Keyword class patterns on user classes and builtin attributes.
class Shape:
    pass
class Circle(Shape):
    __match_args__ = ("r",)
    def __init__(self, r): self.r = r
class Rect(Shape):
    __match_args__ = ("w", "h")
    def __init__(self, w, h): self.w, self.h = w, h
class Square(Rect):
    def __init__(self, s): super().__init__(s, s)
def area(s):
    match s:
        case Circle(r=0) | Rect(w=0) | Rect(h=0):
            return 0
        case Circle(r):
            return round(3.14159 * r * r, 2)
        case Square(w=side):
            return side * side
        case Rect(w, h):
            return w * h
        case Shape():
            return None
print([area(s) for s in [Circle(0), Circle(2), Rect(0, 5), Rect(3, 4), Square(5), Shape()]])
def parts(z):
    match z:
        case complex(real=0, imag=i):
            return f"pure imaginary {i}"
        case complex(real=r, imag=0):
            return f"real complex {r}"
        case complex(real=r, imag=i):
            return f"{r} + {i}i"
        case int(real=r, imag=0):
            return f"int with real={r}"
print(parts(3j), parts(2 + 0j), parts(1 + 2j), parts(7))
def denominators(v):
    match v:
        case int(numerator=n, denominator=1):
            return f"integer {n}"
    return "other"
print(denominators(5), denominators(True))
class Node:
    __match_args__ = ("value", "next")
    def __init__(self, value, next=None):
        self.value, self.next = value, next
def to_list(n):
    match n:
        case None:
            return []
        case Node(v, rest):
            return [v] + to_list(rest)
print(to_list(Node(1, Node(2, Node(3)))))
match Node(1, Node(2)):
    case Node(next=Node(value=second)):
        print("second value", second)

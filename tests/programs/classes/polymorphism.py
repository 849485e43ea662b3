# Polymorphism and duck typing across a class hierarchy.
class Shape:
    name = "shape"
    def area(self): return 0
    def perimeter(self): return 0
    def __str__(self):
        return f"{self.name}: area={self.area():.2f} perimeter={self.perimeter():.2f}"
class Rectangle(Shape):
    name = "rectangle"
    def __init__(self, w, h): self.w, self.h = w, h
    def area(self): return self.w * self.h
    def perimeter(self): return 2 * (self.w + self.h)
class Square(Rectangle):
    name = "square"
    def __init__(self, s): super().__init__(s, s)
class Circle(Shape):
    name = "circle"
    PI = 3.141592653589793
    def __init__(self, r): self.r = r
    def area(self): return self.PI * self.r ** 2
    def perimeter(self): return 2 * self.PI * self.r
class Triangle(Shape):
    name = "triangle"
    def __init__(self, a, b, c): self.sides = (a, b, c)
    def perimeter(self): return sum(self.sides)
    def area(self):
        s = self.perimeter() / 2
        a, b, c = self.sides
        return (s * (s - a) * (s - b) * (s - c)) ** 0.5
shapes = [Rectangle(3, 4), Square(2), Circle(1.5), Triangle(3, 4, 5), Shape()]
for s in shapes:
    print(s)
print("total area: %.3f" % sum(s.area() for s in shapes))
print([type(s).__name__ for s in sorted(shapes, key=lambda s: s.area())])
print([isinstance(s, Rectangle) for s in shapes])
class Robot:
    def area(self): return 42
    def perimeter(self): return 0
    name = "robot"
print(Shape.__str__(Robot()))
def describe(x):
    if hasattr(x, "area"):
        return f"{type(x).__name__} has area {x.area()}"
    return f"{type(x).__name__} has no area"
print(describe(Square(3)), "|", describe(Robot()), "|", describe(5))

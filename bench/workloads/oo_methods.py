"""Method-call heavy object-oriented code: small methods, properties with
getters and setters, a three-level class hierarchy with overriding and
super() calls, classmethods, staticmethods, dunder operators (__add__,
__mul__, __eq__, __lt__) and isinstance checks."""
import sys


class Vec:
    __slots__ = ("_x", "_y")

    def __init__(self, x, y):
        self._x = x
        self._y = y

    @property
    def x(self):
        return self._x

    @property
    def y(self):
        return self._y

    def __add__(self, other):
        return Vec(self._x + other._x, self._y + other._y)

    def __sub__(self, other):
        return Vec(self._x - other._x, self._y - other._y)

    def __mul__(self, k):
        return Vec(self._x * k, self._y * k)

    def __eq__(self, other):
        return self._x == other._x and self._y == other._y

    def dot(self, other):
        return self._x * other._x + self._y * other._y

    def norm2(self):
        return self.dot(self)

    @classmethod
    def zero(cls):
        return cls(0, 0)


class Shape:
    count = 0

    def __init__(self, origin):
        self.origin = origin
        Shape.count += 1

    def area(self):
        raise NotImplementedError

    def perimeter(self):
        raise NotImplementedError

    def move(self, delta):
        self.origin = self.origin + delta
        return self

    def weight(self):
        return self.area() + self.perimeter()

    def __lt__(self, other):
        return self.weight() < other.weight()

    @staticmethod
    def clamp(v, lo, hi):
        return lo if v < lo else hi if v > hi else v


class Rect(Shape):
    def __init__(self, origin, w, h):
        super().__init__(origin)
        self._w = w
        self._h = h

    @property
    def width(self):
        return self._w

    @width.setter
    def width(self, value):
        self._w = Shape.clamp(value, 1, 1000)

    @property
    def height(self):
        return self._h

    @height.setter
    def height(self, value):
        self._h = Shape.clamp(value, 1, 1000)

    def area(self):
        return self._w * self._h

    def perimeter(self):
        return 2 * (self._w + self._h)

    def grow(self, k):
        self.width = self.width + k
        self.height = self.height + k
        return self


class Square(Rect):
    def __init__(self, origin, side):
        super().__init__(origin, side, side)

    def grow(self, k):
        super().grow(k)
        self.height = self.width
        return self

    def weight(self):
        return super().weight() + 1


class Tile(Square):
    def __init__(self, origin, side, color):
        super().__init__(origin, side)
        self.color = color

    def area(self):
        return super().area() - self.color

    def weight(self):
        return super().weight() * 2


class Circle(Shape):
    def __init__(self, origin, r):
        super().__init__(origin)
        self.r = r

    def area(self):
        return 3 * self.r * self.r

    def perimeter(self):
        return 6 * self.r


class Accumulator:
    def __init__(self):
        self._total = 0
        self._n = 0

    @property
    def total(self):
        return self._total

    def add(self, value):
        self._total += value
        self._n += 1

    @property
    def mean(self):
        return self._total // self._n if self._n else 0


def make_shapes(n):
    shapes = []
    for i in range(n):
        o = Vec(i % 17, i % 13)
        kind = i % 4
        if kind == 0:
            shapes.append(Rect(o, 1 + i % 7, 1 + i % 5))
        elif kind == 1:
            shapes.append(Square(o, 1 + i % 9))
        elif kind == 2:
            shapes.append(Tile(o, 2 + i % 6, i % 3))
        else:
            shapes.append(Circle(o, 1 + i % 4))
    return shapes


def simulate(shapes, rounds):
    acc = Accumulator()
    step = Vec(1, -1)
    for r in range(rounds):
        for s in shapes:
            s.move(step)
            if isinstance(s, Rect):
                s.grow(1 if r % 2 == 0 else -1)
            acc.add(s.weight())
        centre = Vec.zero()
        for s in shapes:
            centre = centre + s.origin * 2
        acc.add(centre.norm2() % 1000 + centre.x - centre.y)
    return acc


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 320
    shapes = make_shapes(2000)
    acc = simulate(shapes, rounds)
    ordered = sorted(shapes)
    print(acc.total, acc.mean, Shape.count)
    print(ordered[0].weight(), ordered[-1].weight(), ordered[0] < ordered[-1])
    print(Vec(1, 2) + Vec(3, 4) == Vec(4, 6))


main()

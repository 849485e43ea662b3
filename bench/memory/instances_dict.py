# One million instances of a class without __slots__ (attributes in the instance).
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
l = [Point(i, i + 1) for i in range(1_000_000)]
print(len(l), l[-1].x + l[-1].y)

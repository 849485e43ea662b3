# Lexicographic list comparison, identity vs equality, and comparisons with mixed element types.
pairs = [([], []), ([], [0]), ([1], [0, 9]), ([1, 2], [1, 2]), ([1, 2], [1, 2, 3]), ([1, "a"], [1, "b"]),
         ([[1, 2]], [[1, 3]]), ([1.0], [1]), ([float("nan")], [float("nan")]), ([(1, 2)], [(1, 2)])]
for a, b in pairs:
    print(a, b, a == b, a != b, a < b, a <= b, a > b, a >= b)
nan = float("nan")
x = [nan]
print(x == x, x[0] == x[0], [nan] == [nan])
a = [1, 2]
b = a
c = list(a)
print(a is b, a is c, a == c, a.copy() == a, a[:] is a)
try:
    [1, 2] < [1, "2"]
except TypeError as e:
    print("TypeError:", e)
print([1, "2"] < [2, 1], [None] == [None], [[], []] == [[], []])
class Loud:
    def __init__(self, v): self.v = v
    def __eq__(self, o):
        print(f"eq {self.v} vs {o.v}")
        return self.v == o.v
    def __lt__(self, o):
        print(f"lt {self.v} vs {o.v}")
        return self.v < o.v
print([Loud(1), Loud(2)] == [Loud(1), Loud(3)])
print([Loud(1), Loud(2)] < [Loud(1), Loud(3)])

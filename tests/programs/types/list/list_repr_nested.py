# repr of nested and recursive lists; equality of recursive structures.
print([], [[]], [[], [[]]], [1, "a", 2.0, None, True, (1,), {2}, {3: 4}, b"x", 1j])
a = [1, 2]
a.append(a)
print(a, repr(a), str(a), len(a), a[2] is a)
b = [a, [a]]
print(b)
c = []
d = [c]
c.append(d)
print(c, d)
class R:
    def __repr__(self): return "R!"
print([R(), [R()]], str([R()]), f"{[R()]}")
print([0.1, -0.0, float("inf")], ["quote's", 'dq"'], ["\n", "é", "\x00"])
x = [1]
y = [1]
print(x == y, x is y, [x, x] == [y, y])
l = [1, [2, [3, [4, [5, [6]]]]]]
print(l, l[1][1][1][1][1][0])

# sum().
print(sum([]), sum([1, 2, 3]), sum(range(101)), sum([0.1] * 10), sum([1, 2.5]), sum([1j, 2]), sum([True, True]))
print(sum([1, 2], 10), sum([[1], [2, 3]], []), sum([(1,), (2,)], ()), sum(x * x for x in range(4)), sum([], start=5))
print(sum([1e100, 1.0, -1e100]), sum([0.1, 0.2, 0.3]), sum([10 ** 20, 1.5]), sum([2 ** 64, 2 ** 64]))
for bad in [lambda: sum(["a", "b"]), lambda: sum(["a"], ""), lambda: sum([b"a"], b""), lambda: sum(5), lambda: sum([[1]]),
            lambda: sum([1, "x"]), lambda: sum([bytearray(b"a")], bytearray())]:
    try:
        print(bad())
    except TypeError as e:
        print("TypeError:", e)
class V:
    def __init__(self, v): self.v = v
    def __add__(self, o): return V(self.v + (o.v if isinstance(o, V) else o))
    def __radd__(self, o): return V(o + self.v)
print(sum([V(1), V(2)]).v, sum([V(5)], V(10)).v)

# A custom immutable sequence handling ints and slices.
class Span:
    def __init__(self, start, stop):
        self.start, self.stop = start, stop
    def __len__(self):
        return max(0, self.stop - self.start)
    def __getitem__(self, key):
        if isinstance(key, slice):
            idx = range(len(self))[key]
            return [self.start + i for i in idx]
        if key < 0:
            key += len(self)
        if not 0 <= key < len(self):
            raise IndexError("Span index out of range")
        return self.start + key
    def __repr__(self):
        return f"Span({self.start}, {self.stop})"
    def __eq__(self, other):
        return isinstance(other, Span) and list(self) == list(other)
    def __hash__(self):
        return hash((self.start, self.stop))
sp = Span(10, 20)
print(len(sp), sp[0], sp[-1], sp[2:5], sp[::3], sp[::-4], sp[-3:], sp[100:])
print(list(sp)[:3], 15 in sp, 25 in sp, sp.__class__.__name__)
print(list(reversed(sp))[:3], sorted(sp, reverse=True)[:2], max(sp), sum(sp))
try:
    sp[10]
except IndexError as e:
    print("IndexError:", e)
print(Span(0, 3) == Span(0, 3), Span(5, 5) == Span(7, 7), len(Span(5, 1)))
x, y, *z = Span(1, 5)
print(x, y, z)
print(dict(zip(Span(0, 3), "abc")), {Span(0, 2)})

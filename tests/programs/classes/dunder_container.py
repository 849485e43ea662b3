# A full container: getitem/setitem/delitem/len/contains/iter/reversed/missing.
class SparseList:
    def __init__(self, size, default=0):
        self.size = size
        self.default = default
        self.data = {}
    def _norm(self, i):
        if isinstance(i, slice):
            return range(*i.indices(self.size))
        if not isinstance(i, int):
            raise TypeError(f"indices must be integers, not {type(i).__name__}")
        if i < 0:
            i += self.size
        if not 0 <= i < self.size:
            raise IndexError("SparseList index out of range")
        return i
    def __len__(self): return self.size
    def __getitem__(self, i):
        idx = self._norm(i)
        if isinstance(idx, range):
            return [self.data.get(j, self.default) for j in idx]
        return self.data.get(idx, self.default)
    def __setitem__(self, i, v):
        self.data[self._norm(i)] = v
    def __delitem__(self, i):
        self.data.pop(self._norm(i), None)
    def __contains__(self, v):
        return v in self.data.values() or (v == self.default and len(self.data) < self.size)
    def __iter__(self):
        for i in range(self.size):
            yield self[i]
    def __reversed__(self):
        for i in range(self.size - 1, -1, -1):
            yield self[i]
    def __repr__(self):
        return f"SparseList({list(self)})"
s = SparseList(6)
s[1] = 'a'
s[-1] = 'z'
print(s, len(s), s[1], s[-1], s[0], s[1:4], s[::-2])
print('a' in s, 'q' in s, 0 in s)
print(list(reversed(s)), list(iter(s))[:2])
del s[1]
print(s)
for bad in [6, -7]:
    try:
        s[bad]
    except IndexError as e:
        print("IndexError:", e)
try:
    s["x"]
except TypeError as e:
    print("TypeError:", e)
a, b, *rest = s
print(a, b, rest)
print(sorted(SparseList(3, default=5)), sum(SparseList(4, default=2)))
print(dict(enumerate(s)))
class GetItemOnly:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * 11
g = GetItemOnly()
print(list(g), 22 in g, 5 in g, list(reversed([*g])))
try:
    reversed(g)
except TypeError as e:
    print("TypeError:", e)
class Seq:
    def __len__(self): return 3
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return "abc"[i]
print(list(reversed(Seq())))
try:
    len(g)
except TypeError as e:
    print("TypeError:", e)

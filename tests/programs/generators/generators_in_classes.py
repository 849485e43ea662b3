# Generators as methods, __iter__ generators, and generator-based properties.
class Tree:
    def __init__(self, value, *children):
        self.value = value
        self.children = list(children)
    def __iter__(self):
        yield self.value
        for c in self.children:
            yield from c
    def walk(self, depth=0):
        yield depth, self.value
        for c in self.children:
            yield from c.walk(depth + 1)
    def leaves(self):
        if not self.children:
            yield self.value
        for c in self.children:
            yield from c.leaves()
    @classmethod
    def chain(cls, n):
        node = cls(n)
        for i in range(n - 1, 0, -1):
            node = cls(i, node)
        return node
    @staticmethod
    def numbers(limit):
        yield from range(limit)
t = Tree("root", Tree("a", Tree("a1"), Tree("a2")), Tree("b", Tree("b1", Tree("b1x"))))
print(list(t))
for depth, v in t.walk():
    print("  " * depth + v)
print(list(t.leaves()), len(list(Tree.chain(5))), list(Tree.numbers(3)))
print("b1x" in t, "zzz" in t, sorted(t)[:3])
class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __iter__(self):
        for row in self.rows:
            yield from row
    def columns(self):
        for j in range(len(self.rows[0])):
            yield [row[j] for row in self.rows]
    def diagonal(self):
        return (self.rows[i][i] for i in range(min(len(self.rows), len(self.rows[0]))))
m = Matrix([[1, 2, 3], [4, 5, 6]])
print(list(m), list(m.columns()), list(m.diagonal()), sum(m), max(m))

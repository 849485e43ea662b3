# Nested function definitions.
def outer(n):
    def helper(k):
        return k * n
    def recurse(k):
        return 0 if k == 0 else helper(k) + recurse(k - 1)
    return recurse(n)
print(outer(3), outer(5))
def make_ops():
    def add(a, b): return a + b
    def mul(a, b): return a * b
    return {'add': add, 'mul': mul}
ops = make_ops()
print(ops['add'](2, 3), ops['mul'](2, 3), ops['add'].__qualname__)
def builder():
    parts = []
    def add(p):
        parts.append(p)
        return add
    def build():
        return "".join(parts)
    add.build = build
    return add
b = builder()
b("a")("b")("c")
print(b.build())
def fresh_each_call():
    def f(): pass
    return f
print(fresh_each_call() is fresh_each_call(), fresh_each_call().__code__ is fresh_each_call().__code__)
def walk(tree):
    out = []
    def visit(node, depth):
        if node is None:
            return
        val, left, right = node
        visit(left, depth + 1)
        out.append((val, depth))
        visit(right, depth + 1)
    visit(tree, 0)
    return out
tree = (4, (2, (1, None, None), (3, None, None)), (6, None, (7, None, None)))
print(walk(tree))
def counter_gen():
    def gen(n):
        for i in range(n):
            yield i * i
    return gen
print(list(counter_gen()(5)))

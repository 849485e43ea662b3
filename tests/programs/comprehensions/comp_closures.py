# Closures and nested functions inside comprehensions.
def make_multipliers():
    return [lambda x, i=i: x * i for i in range(4)]
print([m(10) for m in make_multipliers()])
def late_binding():
    return [lambda x: x * i for i in range(4)]
print([m(10) for m in late_binding()])
def nested_defs():
    return {name: (lambda n: lambda: n.upper())(name) for name in ["a", "b"]}
print({k: f() for k, f in nested_defs().items()})
class Config:
    base = 100
    def values(self):
        return [self.base + i for i in range(3)]
    @classmethod
    def cls_values(cls):
        return {i: cls.base * i for i in range(3)}
print(Config().values(), Config.cls_values())
def counter():
    count = 0
    def bump():
        nonlocal count
        count += 1
        return count
    return [bump() for _ in range(3)], count
print(counter())
def comp_in_comp_closure():
    return [[(lambda: (i, j))() for j in range(2)] for i in range(2)]
print(comp_in_comp_closure())
gens = [(x * y for y in range(3)) for x in range(3)]
print([list(g) for g in gens])

# Container methods that rely on __eq__ (and identity shortcut).
class Loose:
    def __init__(self, v): self.v = v
    def __eq__(self, o):
        print(f"eq({self.v}, {getattr(o, 'v', o)})")
        return getattr(o, "v", o) == self.v
    __hash__ = object.__hash__
    def __repr__(self): return f"L{self.v}"
items = [Loose(1), Loose(2), Loose(3)]
print(items.index(2))
print(items.count(3))
items.remove(Loose(1))
print(items)
print(Loose(3) in items)
x = items[0]
print(x in items)
print([Loose(5)] == [Loose(5)])
print((Loose(6),) == (6,))
class NeverEqual:
    def __eq__(self, o): return False
    __hash__ = object.__hash__
ne = NeverEqual()
print(ne in [ne], [ne].count(ne), [ne].index(ne), ne == ne, [ne] == [ne])
nan = float("nan")
print(nan in [nan], [nan] == [nan], (nan,) == (nan,), {nan: 1}.get(nan), [nan].count(nan))
print({1: "a"}.get(1.0), {1.0: "b"}.get(True), 1 in {1.0}, 0 in {False: 1})

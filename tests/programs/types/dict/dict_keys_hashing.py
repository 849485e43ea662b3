# Which objects can be keys and how equal keys collapse.
d = {}
d[1] = "int"
d[1.0] = "float"
d[True] = "bool"
d[1 + 0j] = "complex"
print(d, len(d))
d2 = {0: "zero", -0.0: "neg zero", False: "false"}
print(d2)
d3 = {"a": 1, b"a": 2, ("a",): 3, frozenset("a"): 4}
print(len(d3), d3["a"], d3[b"a"], d3[("a",)], d3[frozenset(["a"])])
class Key:
    def __init__(self, name): self.name = name
    def __hash__(self): return hash(self.name.lower())
    def __eq__(self, other): return isinstance(other, Key) and self.name.lower() == other.name.lower()
    def __repr__(self): return f"Key({self.name!r})"
kd = {Key("Alpha"): 1}
kd[Key("ALPHA")] = 2
kd[Key("beta")] = 3
print(kd, Key("alpha") in kd, kd[Key("BETA")])
class Collide:
    def __init__(self, v): self.v = v
    def __hash__(self): return 42
    def __eq__(self, o): return isinstance(o, Collide) and self.v == o.v
    def __repr__(self): return f"C{self.v}"
cd = {Collide(i): i for i in range(10)}
print(len(cd), cd[Collide(7)], list(cd)[:3])
del cd[Collide(3)]
print(Collide(3) in cd, Collide(4) in cd, len(cd))
nan = float("nan")
nd = {nan: 1}
nd[nan] = 2
nd[float("nan")] = 3
print(len(nd), list(nd.values()))
try:
    {{}: 1}
except TypeError as e:
    print("TypeError:", e)
print({(): 0, (1,): 1}[()], {None: 1}[None], {...: "e"}[...], {int: "type key"}[int])

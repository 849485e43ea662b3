# Subclassing list, dict, str, int, tuple, set.
class Stack(list):
    def push(self, x): self.append(x)
    def peek(self): return self[-1]
s = Stack([1, 2])
s.push(3)
print(s, s.peek(), len(s), type(s).__name__, isinstance(s, list))
print(type(s + [4]).__name__, type(s[:1]).__name__, type(s * 2).__name__)
class CaseDict(dict):
    def __setitem__(self, k, v): super().__setitem__(k.lower(), v)
    def __getitem__(self, k): return super().__getitem__(k.lower())
cd = CaseDict()
cd["Key"] = 1
print(cd["KEY"], cd, dict(cd), cd.get("key"), cd.get("KEY"))
cd2 = CaseDict(ABC=1)
print(cd2)
class Shout(str):
    def shout(self): return self.upper() + "!"
sh = Shout("hey")
print(sh.shout(), sh, repr(sh), type(sh.upper()).__name__, type(sh + "x").__name__, sh == "hey")
class Meters(int):
    def __repr__(self): return f"Meters({int(self)})"
    def __add__(self, o): return Meters(int(self) + int(o))
m = Meters(5)
print(m, m + 3, type(m * 2).__name__, m == 5, hash(m) == hash(5), str(m), f"{m}")
class Pair(tuple):
    def swap(self): return Pair((self[1], self[0]))
print(Pair((1, 2)).swap(), Pair("ab"))
class TagSet(set):
    pass
ts = TagSet([3, 1])
print(sorted(ts), type(ts | {5}).__name__, type(ts.copy()).__name__)
class Counted(dict):
    def __missing__(self, k):
        self[k] = 0
        return 0
c = Counted()
for ch in "hello":
    c[ch] += 1
print(c, c.get("z"), "z" in c)
class Defaulting(dict):
    def __missing__(self, key):
        return f"<{key}>"
d = Defaulting(a=1)
print(d["a"], d["b"], d, d.get("b"))
class Attrs(list):
    pass
a = Attrs()
a.extra = "attribute on list subclass"
print(a.extra, a.__dict__)
class MyInt(int): pass
print(MyInt(7) + MyInt(3), type(MyInt(7) + MyInt(3)).__name__, MyInt("ff", 16))
class MyFloat(float):
    pass
print(MyFloat(1.5), MyFloat("2.25") * 2, type(MyFloat(1) + 1).__name__)

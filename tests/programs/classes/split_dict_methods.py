# Method and attribute lookups on instances whose dicts share keys, in hot
# loops (so the specialized instructions run), with shadowing instance
# attributes, class changes and __class__ assignment mid-loop.


class A:
    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v

    def put(self, v):
        self.v = v


class B(A):
    def get(self):
        return -self.v


def run(objs, n):
    total = 0
    for i in range(n):
        for o in objs:
            total += o.get()
            o.put(o.v + 1)
    return total


objs = [A(1), A(2), B(3)]
print(run(objs, 50))

# An instance attribute shadows the method afterwards.
objs[1].get = lambda: 1000
print(run(objs, 20))
del objs[1].get
print(run(objs, 20))

# A class attribute change invalidates cached lookups.
A.get = lambda self: 7
print(run(objs, 20))

# Many instances with different attribute orders through one site.
class C:
    pass


def fill(n):
    out = []
    for i in range(n):
        c = C()
        if i % 3 == 0:
            c.a = i
            c.b = i * 2
        elif i % 3 == 1:
            c.b = i * 2
            c.a = i
        else:
            c.b = i * 2
            c.c = 0
            c.a = i
        out.append(c)
    return out


cs = fill(90)
print(sum(c.a + c.b for c in cs), [list(vars(c)) for c in cs[:3]])


def reads(cs):
    t = 0
    for _ in range(5):
        for c in cs:
            t += c.a
            c.b = c.a
    return t


print(reads(cs), sum(c.b for c in cs))

# __class__ assignment inside a hot loop.
class D:
    def f(self):
        return 1


class E:
    def f(self):
        return 2


ds = [D() for _ in range(10)]
t = 0
for i in range(60):
    d = ds[i % 10]
    if i == 30:
        for x in ds:
            x.__class__ = E
    t += d.f()
print(t)

# Subclass instances have their own shared keys.
class F(A):
    def __init__(self):
        self.w = 1
        super().__init__(2)


fs = [F() for _ in range(5)]
print([vars(f) for f in fs[:2]], sum(f.get() for f in fs))

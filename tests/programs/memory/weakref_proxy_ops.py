import weakref
class Num:
    def __init__(self, v):
        self.v = v
    def __floordiv__(self, other):
        return "floordiv"
    def __ifloordiv__(self, other):
        return "ifloordiv"
    def __matmul__(self, other):
        return "matmul"
    def __rmatmul__(self, other):
        return "rmatmul"
    def __imatmul__(self, other):
        return "imatmul"
    def __iadd__(self, other):
        self.v += other
        return self
    def __add__(self, other):
        return Num(self.v + other)
    def __radd__(self, other):
        return Num(other + self.v)
    def __repr__(self):
        return "Num(%d)" % self.v
n = Num(1)
p = weakref.proxy(n)
print(p // 2, p @ 2, 2 @ p, 3 + p, p + 3)
q = p
q //= 2
print("ifloordiv rebinds to", q)
q = p
q @= 2
print("imatmul rebinds to", q)
q = p
q += 10
print("iadd mutates the referent", n, type(q).__name__)
not_an_iterator = lambda: 0
class A:
    def __iter__(self):
        return weakref.proxy(not_an_iterator)
try:
    list(A())
except TypeError as e:
    print("TypeError:", e)
class It:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i
it = It()
print("proxy of an iterator", list(weakref.proxy(it)))
class MyConfig(dict):
    def __getattr__(self, x):
        return self[x]
obj = MyConfig(offset=5)
r = weakref.ref(obj)
print("repr does not ask __getattr__", "MyConfig" in repr(r), "MyConfig" in str(r))
def named():
    pass
print("function name in repr", repr(weakref.ref(named)).endswith("(named)>"))
try:
    weakref.ref(named, callback=None)
except TypeError as e:
    print("TypeError:", e)
try:
    weakref.ref(Exception).__init__(0, 0, 0, 0, 0)
except TypeError as e:
    print("TypeError:", e)

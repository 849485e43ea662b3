import weakref
class T:
    def __init__(self):
        self.x = 1
        self.items = [1, 2, 3]
    def method(self):
        return "method called"
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return self.items[i]
    def __iter__(self):
        return iter(self.items)
    def __add__(self, other):
        return "add %r" % (other,)
    def __bool__(self):
        return True
    def __str__(self):
        return "T str"
class C(T):
    def __call__(self, *args):
        return "called with %r" % (args,)
t = T()
p = weakref.proxy(t)
print(type(p).__name__, p.x, p.method(), len(p), p[1], list(p), p + 5, str(p), bool(p))
p.y = 10
print("set through proxy", t.y)
del p.y
print("deleted", hasattr(t, "y"))
print("getweakrefcount", weakref.getweakrefcount(t))
print("same proxy", weakref.proxy(t) is p)
c = C()
cp = weakref.proxy(c)
print(type(cp).__name__, cp(1, 2), callable(cp), callable(p))
calls = []
pc = weakref.proxy(t, lambda pr: calls.append(type(pr).__name__))
del t
print("callback", calls)
for op in ["p.x", "len(p)", "p.method()", "str(p)", "p + 1", "p[0]"]:
    try:
        eval(op)
    except ReferenceError as e:
        print(op, "ReferenceError:", e)
try:
    hash(cp)
except TypeError as e:
    print("TypeError:", e)
print("proxy types", weakref.ProxyType.__name__, weakref.CallableProxyType.__name__)
print("ProxyTypes", [t.__name__ for t in weakref.ProxyTypes])

import weakref
class C:
    def __init__(self, name):
        self.name = name
    def hello(self):
        return "hello from " + self.name
c = C("c")
wm = weakref.WeakMethod(c.hello)
print("alive", wm()(), wm() == c.hello)
print("plain ref to a bound method dies at once", weakref.ref(c.hello)())
calls = []
wm2 = weakref.WeakMethod(c.hello, lambda r: calls.append(r is wm2))
print("equal", wm == wm2, wm != wm2, hash(wm) == hash(wm2))
del c
print("after del", wm(), calls)
try:
    weakref.WeakMethod(len)
except TypeError as e:
    print("TypeError:", e)
try:
    weakref.WeakMethod(lambda: 0)
except TypeError as e:
    print("TypeError:", e)
d = C("d")
m = weakref.WeakMethod(d.hello)
def replaced(self):
    return "replaced"
C.hello = replaced
print("the WeakMethod dies with the replaced function", m() is None)
del d
print("dead", m())

import sys
x = []
print("fresh", sys.getrefcount(x))
y = x
print("two names", sys.getrefcount(x))
container = [x, x]
print("in a list twice", sys.getrefcount(x))
t = (x,)
print("in a tuple", sys.getrefcount(x))
d = {"k": x}
print("dict value", sys.getrefcount(x))
del y, container, t, d
print("back", sys.getrefcount(x))
def f(arg):
    return sys.getrefcount(arg)
print("argument", f(x))
class C:
    def m(self):
        pass
c = C()
print("instance", sys.getrefcount(c))
bm = c.m
print("bound method holds self", sys.getrefcount(c))
del bm
print("after del", sys.getrefcount(c))
print("None is immortal-ish", sys.getrefcount(None) > 1000, sys.getrefcount(1) > 1000)
s = "a string made at runtime " + str(len(sys.argv))
print("str", sys.getrefcount(s))

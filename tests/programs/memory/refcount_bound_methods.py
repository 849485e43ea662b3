import sys
class C:
    def m(self):
        pass
    @classmethod
    def cm(cls):
        pass
    @staticmethod
    def sm():
        pass
c = C()
print("instance", sys.getrefcount(c))
m1 = c.m
print("one bound method", sys.getrefcount(c))
m2 = c.m
print("two bound methods", sys.getrefcount(c), m1 is m2, m1 == m2)
print("method refcount", sys.getrefcount(m1))
del m1
print("one left", sys.getrefcount(c))
del m2
print("none left", sys.getrefcount(c))
base = sys.getrefcount(C)
cm = c.cm
print("classmethod holds the class", sys.getrefcount(C) - base)
del cm
sm = c.sm
print("staticmethod holds nothing", sys.getrefcount(C) - base, sys.getrefcount(c))
del sm
l = [1, 2]
ap = l.append
print("builtin bound method", sys.getrefcount(l))
del ap
print("after", sys.getrefcount(l))
print("method __self__", c.m.__self__ is c, sys.getrefcount(c))

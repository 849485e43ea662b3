import sys
def rc(x):
    # the argument and the frame's reference add two, as in CPython
    return sys.getrefcount(x)
x = object()
print("one name", sys.getrefcount(x))
print("through a function", rc(x))
y = x
z = x
print("three names", sys.getrefcount(x))
del y
print("two names", sys.getrefcount(x))
z = None
print("one again", sys.getrefcount(x))
a = b = c = x
print("chained assignment", sys.getrefcount(x))
del a, b, c
g = globals()
g["dyn"] = x
print("via globals()", sys.getrefcount(x))
del g["dyn"]
print("deleted", sys.getrefcount(x))
class Holder:
    pass
h = Holder()
h.attr = x
print("attribute", sys.getrefcount(x))
h.other = x
print("two attributes", sys.getrefcount(x))
del h
print("holder gone", sys.getrefcount(x))
print("class", sys.getrefcount(Holder) > 2)
f = 1.5 * len(sys.argv)
print("float", sys.getrefcount(f))
s = "abc" + str(len(sys.argv))
print("str", sys.getrefcount(s))
n = 10 ** 30 * len(sys.argv)
print("big int", sys.getrefcount(n))
print("immortal-like", sys.getrefcount(None) > 100, sys.getrefcount(True) > 100, sys.getrefcount(0) > 100)

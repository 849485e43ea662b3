class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)
print("list")
l = [D("l0"), D("l1"), D("l2")]
del l
print("tuple")
t = (D("t0"), D("t1"), D("t2"))
del t
print("dict")
d = {"a": D("d-a"), "b": D("d-b"), "c": D("d-c")}
del d
print("dict clear")
d = {1: D("c1"), 2: D("c2")}
d.clear()
print("set of one")
s = {D("s0")}
del s
print("nested")
n = [D("outer"), [D("inner0"), D("inner1")], D("last")]
del n
print("list slice assignment")
l = [D("x0"), D("x1"), D("x2"), D("x3")]
l[1:3] = []
print("after slice")
l[:] = [D("new")]
print("after full slice")
del l
print("list item replace")
l = [D("old")]
l[0] = D("replacement")
print("after replace")
del l
print("attributes")
class H:
    pass
h = H()
h.a = D("attr-a")
h.b = D("attr-b")
h.c = D("attr-c")
del h
print("end")

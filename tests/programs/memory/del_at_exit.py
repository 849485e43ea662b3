import sys
class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        sys.stdout.write("__del__ %s\n" % self.name)
a = D("a global")
a.child = D("child of a")
b = D("b global")
l = [D("in a list 0"), D("in a list 1")]
d = {"k": D("dict value")}
class Holder:
    attr = D("class attribute")
def f():
    pass
f.attr = D("function attribute")
cyc = D("in a cycle")
cyc.me = cyc
class Plain:
    pass
p = Plain()
p.inner = D("inside a plain instance")
t = (D("in a tuple 0"), D("in a tuple 1"))
e = D("e global")
print("end of main")

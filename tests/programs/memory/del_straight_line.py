class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  del", self.name)
print("rebinding")
x = D("first")
x = D("second")
print("after rebinding")
print("del several")
a, b, c = D("a"), D("b"), D("c")
del b, a, c
print("after del several")
print("expression temporaries")
print("  temp name:", D("temp").name)
print("after temp")
print("discarded call result")
D("discarded")
print("after discarded")
print("attribute overwrite")
class H:
    pass
h = H()
h.x = D("h.x 1")
h.x = D("h.x 2")
del h.x
print("after attribute")
print("loop variable")
for i in range(3):
    v = D("loop %d" % i)
print("after loop")
del v
print("swap")
p, q = D("p"), D("q")
p, q = q, p
del p
print("after del p (was q)")
del q
print("function locals in order")
def f():
    one = D("local one")
    two = D("local two")
    three = D("local three")
    return "returned"
print(f())
print("return value kept")
def g():
    return D("from g")
r = g()
print("got", r.name)
r = None
print("comprehension")
names = [D("comp %d" % i).name for i in range(2)]
print(names)
print("end")

import gc
class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)
a = D("a")
b = D("b")
print("before")
del a
print("after a")
b = None
print("after b")
def scope():
    local = D("local")
    print("in scope")
scope()
print("after scope")
l = [D("x"), D("y")]
del l
print("after list")
c = D("cycle")
c.me = c
del c
print("collect")
print(gc.collect())
print("end")
keep = D("global at exit")

import gc
print(gc.get_threshold())
gc.disable()
print(gc.isenabled())
gc.collect()
class Node:
    def __init__(self, name):
        self.name = name
        self.other = None
a = Node("a"); b = Node("b")
a.other = b; b.other = a
del a, b
print("two nodes", gc.collect())
l = []; l.append(l); del l
print("self list", gc.collect())
d = {}; d["me"] = d; del d
print("self dict", gc.collect())
x = [1, 2]; y = [x]; x.append(y); del x, y
print("two lists", gc.collect())
def outer():
    def inner():
        return inner
    return inner
f = outer(); del f
print("recursive inner function", gc.collect())
class K:
    def meth(self):
        pass
k = K(); k.f = k.meth; del k
print("bound method on instance", gc.collect())
def gen():
    g = yield 1
    yield g
g = gen(); next(g); g.send(g); del g
print("generator holding itself", gc.collect())
def raiser():
    try:
        1 / 0
    except ZeroDivisionError as e:
        saved = e
raiser()
print("exception with traceback", gc.collect())
print("nothing left", gc.collect())
for i in range(3):
    z = [[]]; z[0].append(z)
print(gc.collect())
gc.enable()

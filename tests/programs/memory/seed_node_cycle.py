import gc
import weakref
gc.disable()
gc.collect()
class Node:
    def __init__(self, name):
        self.name = name
        self.next = None
a = Node("a")
b = Node("b")
a.next = b
b.next = a
wa = weakref.ref(a)
wb = weakref.ref(b)
del a, b
print("still alive after del:", wa() is not None, wb() is not None)
print("collect found", gc.collect())
print("freed:", wa() is None, wb() is None)
print("nothing more", gc.collect())
# a ring of ten
nodes = [Node(i) for i in range(10)]
for i, n in enumerate(nodes):
    n.next = nodes[(i + 1) % 10]
refs = [weakref.ref(n) for n in nodes]
del nodes, n
print("ring alive", sum(r() is not None for r in refs))
print("ring collect", gc.collect())
print("ring alive after", sum(r() is not None for r in refs))
# materialising __dict__ adds a dict object to the garbage count
c = Node("c"); c.next = c; c.__dict__
del c
print("with __dict__", gc.collect())

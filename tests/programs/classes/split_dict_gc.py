# Cycles through instance dicts that share keys are collected; weakrefs see
# it; getsizeof of an instance dict is an int that grows with attributes.
import gc
import sys
import weakref


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


def make_cycle():
    a = Node("a")
    b = Node("b")
    a.other = b
    b.other = a
    return weakref.ref(a), weakref.ref(b)


refs = [make_cycle() for _ in range(50)]
gc.collect()
print(all(r() is None for pair in refs for r in pair))

n = Node("self")
n.other = n
n.extra = [n]
r = weakref.ref(n)
del n
gc.collect()
print(r())

d = Node("x").__dict__
print(d, gc.is_tracked(d) in (True, False))
small = sys.getsizeof(Node("s").__dict__)
print(isinstance(small, int), small > 0)

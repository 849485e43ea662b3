# Creates a million small reference cycles and leaves them to the collector.
class Node:
    def __init__(self):
        self.peer = None
for i in range(500_000):
    a = Node()
    b = Node()
    a.peer = b
    b.peer = a
    l = [a]
    l.append(l)
import gc
print(gc.collect() >= 0)

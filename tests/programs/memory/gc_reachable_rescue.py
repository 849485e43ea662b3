# The collector's scan: objects met before anything reachable refers to
# them are set aside, then found reachable and kept; the younger
# generations are examined with the older one; finalizers of what is
# really garbage run in the collector's order.
import gc

gc.disable()
gc.collect()


class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None

    def __repr__(self):
        return "Node(%s)" % self.name


class Noisy(Node):
    def __del__(self):
        print("del", self.name)


# a <-> b made first, reachable only through r made after them.
a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
r = Node("r")
r.peer = a
del a, b
print("collected", gc.collect(0))
print("kept", r.peer, r.peer.peer, r.peer.peer.peer is r.peer)

# A long chain reachable from its tail only, made head first.
head = Node(0)
cur = head
for i in range(1, 2000):
    n = Node(i)
    cur.peer = n
    cur = n
cur.peer = head  # a ring
keep = [cur]
del head, cur, n
print("ring kept", gc.collect(0))
x = keep[0]
count = 0
while True:
    x = x.peer
    count += 1
    if x is keep[0]:
        break
print("ring length", count)

# Garbage in several generations at once, with finalizers.
old = [Noisy("old%d" % i) for i in range(3)]
for o in old:
    o.peer = o
gc.collect(0)
gc.collect(1)
mid = [Noisy("mid%d" % i) for i in range(3)]
for o in mid:
    o.peer = o
gc.collect(0)
young = [Noisy("young%d" % i) for i in range(3)]
for o in young:
    o.peer = o
print("generation sizes", [len(gc.get_objects(g)) > 0 for g in range(3)])
del old, mid, young, o
print("full", gc.collect(2))

# A cycle that keeps a reachable container alive and one that does not.
holder = []
c1 = Noisy("c1")
c2 = Noisy("c2")
c1.peer = c2
c2.peer = c1
holder.append(c1)
del c1, c2
print("held", gc.collect())
holder.clear()
print("freed", gc.collect())

# Tuples of atoms stop being tracked after a collection; others do not.
t_atoms = tuple([1, "a", 2.0])
t_list = tuple([[], 1])
print(gc.is_tracked(t_atoms), gc.is_tracked(t_list))
gc.collect()
print(gc.is_tracked(t_atoms), gc.is_tracked(t_list))
nested = ((1, 2), (3, (4,)))
gc.collect()
print(gc.is_tracked(nested))

# Many objects: the scan needs no memory per object.
big = [[i] for i in range(100000)]
for i in range(0, 100000, 2):
    big[i].append(big[i])
del big
print("big", gc.collect())
gc.enable()

# mem-limit-mb: 4096
import sys
# ten million nodes freed without a stack overflow (CPython's trashcan)
head = None
for i in range(10_000_000):
    head = (head,)
print("built")
del head
print("freed ten million one-tuples")
class Node:
    __slots__ = ("next",)
head = None
for i in range(1_000_000):
    n = Node()
    n.next = head
    head = n
del n
head = None
print("freed a million slotted nodes")
l = None
for i in range(1_000_000):
    l = [l]
l = None
print("freed a million nested lists")
d = {}
for i in range(300_000):
    d = {"next": d}
del d
print("freed nested dicts")

# Python code run from native code (sort keys, map, rich comparison slots,
# __init__ through a type call) nested as deep as CPython's C stack allows,
# on the main thread and in a thread, and RecursionError where CPython's
# limit puts it.
import sys
import threading

sys.setrecursionlimit(20000)


def by_key(n):
    return n if n == 0 else sorted([n], key=lambda v: by_key(v - 1))[0]


def by_map(n):
    return n if n == 0 else list(map(by_map, [n - 1]))[0]


class Node:
    def __init__(self, n):
        self.child = Node(n - 1) if n else None


print(by_key(900), by_map(900))
Node(900)
print("init ok")

out = []
t = threading.Thread(target=lambda: out.append((by_key(900), by_map(900))))
t.start()
t.join()
print(out)

sys.setrecursionlimit(1000)


class Cmp:
    def __lt__(self, other):
        return other < self


try:
    Cmp() < Cmp()
except RecursionError as e:
    print("RecursionError", e)
try:
    by_key(5000)
except RecursionError as e:
    print("RecursionError", e)
print(by_key(100))

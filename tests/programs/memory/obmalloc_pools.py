# mem-limit-mb: 2048
# The small-object allocator: blocks of every size class reused in
# patterns that leave pools partly used, full and empty; objects made by
# one thread and freed by another after it ended; arenas given back to the
# OS; PYTHONMALLOC=malloc; sys._debugmallocstats' header.
import subprocess
import sys
import threading


def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4


def checksum(objs):
    total = 0
    for o in objs:
        if isinstance(o, tuple):
            total += len(o) + sum(x for x in o if isinstance(x, int))
        elif isinstance(o, float):
            total += int(o)
        elif isinstance(o, str):
            total += len(o)
        else:
            total += o
    return total


# Every tuple length up to 70 (object blocks up to 512 bytes, item arrays
# of all classes and beyond), ints, floats and strs of many sizes.
objs = []
for round_ in range(3):
    for n in range(71):
        objs.append(tuple(range(1000, 1000 + n)))
        objs.append(10**6 + n * round_)
        objs.append(float(n) + 0.5)
        objs.append("x" * (n * 7))
print("made", len(objs), checksum(objs))
# Free every other object, then every third of what is left: pools go from
# full to partly used; new objects must fill the holes without clobbering.
del objs[::2]
print("half", len(objs), checksum(objs))
more = [tuple(range(n)) for n in range(71)] + [i * 1000003 for i in range(2000)]
del objs[::3]
print("third", len(objs), checksum(objs), checksum(more))
objs.clear()
more.clear()

# Many full pools emptied in an interleaved order.
big = [(i, -i) for i in range(200_000)]
evens = big[::2]
del big
print("evens", len(evens), evens[-1], sum(t[0] for t in evens))
del evens


# Objects made in a thread outlive it; objects of the main thread die in it.
class Node:
    __slots__ = ("value", "next")

    def __init__(self, value, next):
        self.value = value
        self.next = next


made = []
given = [[(i, str(i)) for i in range(50_000)]]


def worker():
    head = None
    for i in range(50_000):
        head = Node(i * 7, head)
    made.append(head)
    mine = given.pop()
    print("thread sees", len(mine), mine[-1])
    del mine


for _ in range(3):
    t = threading.Thread(target=worker)
    t.start()
    t.join()
    given.append([(i, str(i)) for i in range(50_000)])
    total = 0
    node = made.pop()
    while node is not None:
        total += node.value
        node = node.next
    print("main walked", total)
del node

# Arenas go back to the OS once their pools are empty.
base = rss_kib()
blob = [(i, i + 1) for i in range(1_000_000)]
peak = rss_kib()
del blob
after = rss_kib()
print("grew", peak - base > 50_000, "returned", after - base < (peak - base) // 3)

# The system allocator instead of the pools.
code = "l = [(i, str(i), float(i)) for i in range(100000)]; print(len(l), l[-1]); del l; print(sum(range(10)))"
r = subprocess.run([sys.executable, "-c", code], env={"PYTHONMALLOC": "malloc"}, capture_output=True, text=True)
print("malloc:", r.returncode, r.stdout.split("\n"), r.stderr)

r = subprocess.run(
    [sys.executable, "-c", "import sys; x = [1.5 * i for i in range(1000)]; sys._debugmallocstats()"],
    capture_output=True,
    text=True,
)
lines = r.stderr.splitlines()
print(lines[0])
print(lines[2])
print(any(line.startswith("# arenas allocated total           =") for line in lines))
print(any(line.startswith("# bytes in allocated blocks        =") for line in lines))

# Returns from Python frames: plain calls, entry frames (slots called from
# native code), frames whose frame object outlives them, a profiler set and
# cleared between warmed-up calls, finalizers of locals released on return.
import sys
import threading


def add(a, b):
    return a + b


def keep_frame():
    x = 41
    return sys._getframe()


class Box:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v < other.v


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def holds_noisy(name):
    n = Noisy(name)
    return len(n.name)


def warm(n):
    total = 0
    for i in range(n):
        total = add(total, i)
    return total


print(warm(100))

# A frame object that outlives its call keeps its locals and line.
f = keep_frame()
print(f.f_locals["x"], f.f_lineno, f.f_code.co_name, f.f_back is None)

# Entry frames: __init__ and __lt__ run from native code.
boxes = [Box(v) for v in (5, 3, 9, 1)]
print([b.v for b in sorted(boxes)], boxes[0] < boxes[1])
print(list(map(add, [1, 2, 3], [10, 20, 30])))

# The finalizer of a local runs when its frame returns, before the caller goes on.
for name in ("a", "b"):
    r = holds_noisy(name)
    print("returned", r)

# A profiler set and cleared between warmed-up calls sees exactly its calls.
events = []


def prof(frame, event, arg):
    if frame.f_code.co_name in ("add", "warm"):
        events.append((event, frame.f_code.co_name, arg if event == "return" else None))


sys.setprofile(prof)
warm(3)
sys.setprofile(None)
print(events)
print(warm(10))

# The same in another thread.
tevents = []


def tprof(frame, event, arg):
    if frame.f_code.co_name == "add":
        tevents.append(event)


def worker():
    sys.setprofile(tprof)
    warm(2)
    sys.setprofile(None)
    warm(2)


t = threading.Thread(target=worker)
t.start()
t.join()
print(tevents)


# Deep recursion of a warmed-up function ends in RecursionError, and the
# stack unwinds back to a working state.
def down(n):
    return 0 if n == 0 else 1 + down(n - 1)


print(down(50))
try:
    down(10**6)
except RecursionError as e:
    print("RecursionError:", e)
print(down(50))

# tracemalloc: the line that allocated 10,000 objects tops the snapshot's statistics
import os
import tracemalloc

tracemalloc.start()


class Point:
    __slots__ = ("x",)

    def __init__(self, x):
        self.x = x


def build():
    points = []
    for i in range(10000):
        points.append(Point(str(i)))
    return points


points = build()
snapshot = tracemalloc.take_snapshot()
snapshot = snapshot.filter_traces([tracemalloc.Filter(True, __file__)])
stats = snapshot.statistics("lineno")
top = stats[0]
frame = top.traceback[0]
print(os.path.basename(frame.filename), frame.lineno)
print(top.count >= 10000, top.size > 0)
by_file = snapshot.statistics("filename")
print(len(by_file), os.path.basename(by_file[0].traceback[0].filename))

# The objects' own traceback names the line too.
tb = tracemalloc.get_object_traceback(points[1234])
print(len(tb), tb[0].lineno, os.path.basename(tb[0].filename))
del points
after = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(True, __file__)])
diff = after.compare_to(snapshot, "lineno")
worst = min(diff, key=lambda s: s.size_diff)
print(worst.traceback[0].lineno, worst.count_diff <= -10000, worst.size_diff < 0)
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())

# tracemalloc: a list's item array is charged to the line that last grew it, and freed with it
import tracemalloc


def lines(snapshot):
    stats = snapshot.filter_traces([tracemalloc.Filter(True, __file__)]).statistics("lineno")
    return sorted(s.traceback[0].lineno for s in stats if s.size >= 50000)


tracemalloc.start()
items = []
for i in range(20000):
    items.append(None)
print(lines(tracemalloc.take_snapshot()))
items.extend([None] * 40000)
print(lines(tracemalloc.take_snapshot()))
first, peak = tracemalloc.get_traced_memory()
items = None
after, _ = tracemalloc.get_traced_memory()
print(first - after > 400000)
copy = list(range(100)) * 1000
print(lines(tracemalloc.take_snapshot()))
del copy
print(lines(tracemalloc.take_snapshot()))
tracemalloc.stop()

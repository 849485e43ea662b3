# tracemalloc: snapshots, traceback grouping, filters, dump/load, _get_traces shape
import os
import tracemalloc

tracemalloc.start(3)


def make_strings(n):
    return ["s%d" % i for i in range(n)]


def make_dicts(n):
    return [{"k": i} for i in range(n)]


a = make_strings(3000)
b = make_dicts(2000)
snap = tracemalloc.take_snapshot()
print(snap.traceback_limit)
mine = snap.filter_traces([tracemalloc.Filter(True, __file__)])
lines = [s.traceback[0].lineno for s in mine.statistics("lineno")[:2]]
print(sorted(lines))
tb_stats = mine.statistics("traceback")
print(len(tb_stats[0].traceback) >= 2)
for stat in tb_stats[:2]:
    print([(os.path.basename(f.filename), f.lineno) for f in stat.traceback])
cum = mine.statistics("lineno", cumulative=True)
print(cum[0].count >= 2000)

excluded = snap.filter_traces([tracemalloc.Filter(False, __file__)])
print(all(not s.traceback[0].filename.endswith("tracemalloc_snapshot.py") for s in excluded.statistics("lineno")))
dom = snap.filter_traces([tracemalloc.DomainFilter(True, 0)])
print(len(dom.traces) == len(snap.traces), {t.domain for t in dom.traces})

raw = tracemalloc._get_traces()
entry = raw[0]
print(type(raw).__name__, len(entry), type(entry[2]).__name__, all(len(f) == 2 for f in entry[2]))

path = "/tmp/taipan_memory_tracemalloc_snapshot.pickle"
mine.dump(path)
loaded = tracemalloc.Snapshot.load(path)
os.remove(path)
print(len(loaded.traces) == len(mine.traces), loaded.traceback_limit)
print(loaded.statistics("lineno")[0].traceback[0].lineno == mine.statistics("lineno")[0].traceback[0].lineno)
tracemalloc.stop()

# mem-limit-mb: 1024
import gc
import sys
# Millions of objects in cycles are created and dropped; the collector
# keeps memory flat, and it returns near its start when they are gone.
def rss_kib():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
class Node:
    def __init__(self, n):
        self.n = n
        self.peer = None
gc.collect()
start = rss_kib()
peak = start
for rnd in range(20):
    for i in range(50_000):
        a = Node(i)
        b = Node(i)
        a.peer = b
        b.peer = a
        l = [a, b]
        l.append(l)
        d = {"a": a}
        d["d"] = d
    peak = max(peak, rss_kib())
del a, b, l, d
gc.collect()
end = rss_kib()
print("created", 20 * 50_000 * 4, "cyclic objects")
grown_mib = (peak - start) / 1024
left_mib = (end - start) / 1024
print("peak growth under 200 MiB:", grown_mib < 200)
print("back near the start (under 30 MiB more):", left_mib < 30)
print("gc.collect() finds nothing more:", gc.collect() == 0)
# The measured numbers vary by machine: printed when asked (-v), the
# verdicts above are what the expectation holds.
if "-v" in sys.argv:
    print("measured RSS: start %.1f MiB, peak %.1f MiB, end %.1f MiB" % (start / 1024, peak / 1024, end / 1024))

# cProfile with a deterministic timer: call counts, times, callers.
import cProfile
import io
import pstats
import sys

TICKS = 0


def timer():
    return TICKS


def work(n):
    global TICKS
    TICKS += 3
    if n > 0:
        return work(n - 1) + helper()
    return 0


def helper():
    global TICKS
    TICKS += 2
    lst = []
    lst.append(1)
    return len(lst)


class C:
    def __getattr__(self, name):
        global TICKS
        TICKS += 1
        raise AttributeError(name)


def main():
    work(3)
    hasattr(C(), "foo")
    sys.exc_info()


prof = cProfile.Profile(timer, 0.001)
prof.enable()
print(sys.getprofile() is prof)
main()
prof.disable()
print(sys.getprofile())
s = io.StringIO()
stats = pstats.Stats(prof, stream=s)
stats.strip_dirs().sort_stats("stdname")
stats.print_stats()
stats.print_callers()
stats.print_callees()
for line in s.getvalue().splitlines():
    if "cprofile_stats" in line or "{" in line:
        print(line.rstrip())

entries = sorted(prof.getstats(), key=lambda e: str(e.code))
for e in entries:
    name = e.code if isinstance(e.code, str) else e.code.co_name
    print(name, e.callcount, e.reccallcount, round(e.totaltime, 6), round(e.inlinetime, 6),
          None if e.calls is None else len(e.calls))
prof.clear()
print(prof.getstats())

with cProfile.Profile() as p2:
    sorted([3, 1, 2])
print(sys.getprofile())
names = sorted(e.code if isinstance(e.code, str) else e.code.co_name for e in p2.getstats())
print(names)

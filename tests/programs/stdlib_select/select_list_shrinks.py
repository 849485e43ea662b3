# select() reads a list in place: a fileno() that deletes items ends the
# loop early, and only the objects it saw are candidates.
import select
import sys

a = []
class F:
    def fileno(self):
        del a[-1]
        return sys.__stdout__.fileno()
objs = [F() for _ in range(10)]
a[:] = objs
r = select.select([], a, [])
print(len(r[1]), r[1] == objs[:5], len(a))

t = tuple(F() for _ in range(3))
a[:] = [0] * 10
r = select.select([], t, [])
print(len(r[1]), len(a))

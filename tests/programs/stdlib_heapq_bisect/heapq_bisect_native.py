import _heapq as hq
import _bisect as bi
import heapq, bisect

def show(label, f):
    try:
        print(label, "->", f())
    except Exception as e:
        print(label, "!!", type(e).__name__, e)

data = [5, 3, 8, 1, 9, 2, 7, 4, 6, 0]
h = []
for x in data:
    hq.heappush(h, x)
print(h, [hq.heappop(h) for _ in range(len(data))])
h = list(data); hq.heapify(h); print(h)
print(hq.heapreplace(h, 10), h, hq.heappushpop(h, -1), hq.heappushpop(h, 11), h)
m = list(data); hq._heapify_max(m); print(m, hq._heappop_max(m), hq._heapreplace_max(m, -5), m)
print(hq.heappushpop([], 3))
s = ['pear', 'apple', 'fig', 'kiwi']
hq.heapify(s); print([hq.heappop(s) for _ in range(4)])
print(heapq.nlargest(3, data), heapq.nsmallest(3, data), list(heapq.merge([1, 4], [2, 3])))
big = list(range(1000, 0, -1)); hq.heapify(big); print(big[:8], [hq.heappop(big) for _ in range(5)])
show("push not list", lambda: hq.heappush((), 1))
show("pop not list", lambda: hq.heappop(None))
show("pop empty", lambda: hq.heappop([]))
show("replace empty", lambda: hq.heapreplace([], 1))
show("max pop empty", lambda: hq._heappop_max([]))
show("push args", lambda: hq.heappush([]))
show("pop args", lambda: hq.heappop())
show("heapify args", lambda: hq.heapify([], []))
show("uncomparable", lambda: hq.heapify([1, 'a', 2]))
class Evil:
    def __lt__(self, other):
        hh.clear()
        return True
hh = [Evil(), Evil(), Evil()]
show("mutate heapify", lambda: hq.heapify(hh))
hh = [1, 2, 3]
show("mutate push", lambda: hq.heappush(hh, Evil()))
class L(list): pass
lh = L([3, 1, 2]); hq.heapify(lh); print(lh, type(lh).__name__)

a = [1, 2, 2, 2, 3, 5]
print(bi.bisect_left(a, 2), bi.bisect_right(a, 2), bi.bisect_left(a, 2, 2), bi.bisect_right(a, 2, 0, 3), bi.bisect_left(a, 4, hi=None))
print(bi.bisect_right(a, 2, lo=1, hi=-1), bi.bisect_left(a, 0, 0, -5), bi.bisect_right(a, 10, 2, 100))
recs = [('a', 1), ('b', 3), ('c', 5)]
print(bi.bisect_left(recs, 3, key=lambda r: r[1]), bi.bisect_right(recs, 3, key=lambda r: r[1]))
bi.insort_left(a, 2); bi.insort_right(a, 4); bi.insort_right(a, 0, 0, 0); print(a)
bi.insort_left(recs, ('d', 4), key=lambda r: r[1]); print(recs)
print(bisect.bisect(a, 3), bisect.insort is bi.insort_right, bisect.bisect is bi.bisect_right)
class Seq:
    def __init__(self): self.items = [1, 3, 5]
    def __len__(self): return len(self.items)
    def __getitem__(self, i): return self.items[i]
    def insert(self, i, x): self.items.insert(i, x)
sq = Seq(); bi.insort(sq, 4); print(sq.items, bi.bisect(range(0, 100, 10), 35))
show("lo neg", lambda: bi.bisect_left(a, 1, -1))
show("lo str", lambda: bi.bisect_left(a, 1, 'a'))
show("missing", lambda: bi.bisect_right(a))
show("kw pos", lambda: bi.bisect_right(a, 1, 0, 1, None))
show("bad kw", lambda: bi.insort(a, 1, foo=1))
show("no len", lambda: bi.bisect(1, 1))
show("uncomparable", lambda: bi.bisect([1, 2], 'a'))
show("hi huge", lambda: bi.bisect(a, 1, 0, 2**70))
print(sorted(n for n in dir(hq) if not n.startswith('__')), sorted(n for n in dir(bi) if not n.startswith('__')))
for n in ['heappush','heappushpop','heappop','heapreplace','heapify','_heappop_max','_heapreplace_max','_heapify_max']:
    f = getattr(hq, n)
    for args in [(None,), (None, 1), ()]:
        show(n, lambda: f(*args))
    show(n + " kw", lambda: f([], x=1))

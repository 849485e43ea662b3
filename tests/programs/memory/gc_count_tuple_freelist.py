# Small tuples reuse the blocks of dead ones (CPython 3.11's tuple free
# lists, up to 2000 per length below 20): taking one is no new allocation
# for generation 0's count, and keeping one no deallocation, so a loop
# that makes and drops tuples does not bring collections forward.
import gc

gc.disable()
gc.collect()
keep = [(i, i) for i in range(1500)]
del keep
c0 = gc.get_count()[0]
keep = [(i, -i) for i in range(1500)]
c1 = gc.get_count()[0]
print("rebuilt from the free list:", c1 - c0 < 10)
del keep
c2 = gc.get_count()[0]
print("dropping them:", c1 - c2 < 10)
big = [(i, i, i) for i in range(5000)]
c3 = gc.get_count()[0]
print("more than the free list holds:", c3 - c2 > 2500)
del big
c4 = gc.get_count()[0]
print("freed past the free list:", c3 - c4 > 2500)
gc.collect()
n = gc.get_stats()[0]["collections"]
gc.enable()
for i in range(20000):
    t = (i, (i, i), (i, i, i))
    del t
print("no collections for tuples that come and go:", gc.get_stats()[0]["collections"] - n < 3)
# The reused tuples are whole and tracked like new ones.
x = [(i, str(i)) for i in range(100)]
print(x[7], x[99], len(set(x)))
print(gc.is_tracked((1, [])), gc.is_tracked(tuple([1, 2])))
gc.collect()
print(gc.is_tracked(x[5]))

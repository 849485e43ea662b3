# range objects: construction, repr, len, indexing, slicing, membership, methods.
for r in [range(5), range(2, 8), range(0, 10, 3), range(10, 0, -2), range(5, 5), range(5, 0), range(-3, 3), range(0, -10, -3)]:
    print(repr(r), len(r), list(r), r.start, r.stop, r.step, bool(r))
r = range(3, 30, 4)
print(r[0], r[-1], r[2], r[1:4], r[::-1], r[::2], r[-2:], r[100:], list(r[1:4]), r[::-1][0])
print(7 in r, 8 in r, 31 in r, 3.0 in r, 7.5 in r, True in range(2), "3" in r)
print(r.count(7), r.count(8), r.index(11), range(10).index(9))
try:
    r.index(8)
except ValueError as e:
    print("ValueError:", e)
try:
    r[100]
except IndexError as e:
    print("IndexError:", e)
print(range(0) == range(5, 5), range(0, 3) == range(3), range(1, 10, 3) == range(1, 11, 3), range(2) == [0, 1], range(1, 2, 5) == range(1, 3, 7))
print(hash(range(3)) == hash(range(0, 3, 1)), hash(range(0)) == hash(range(4, 4)))
print(list(reversed(range(5))), list(reversed(range(1, 10, 4))), sum(range(101)), max(range(7)), min(range(3, 9)))
big = range(10 ** 18)
print(len(big), big[-1], 10 ** 17 in big, big[10 ** 17], big[::10 ** 17], range(-10 ** 20, 10 ** 20, 7)[5])
huge = range(10 ** 30)
try:
    len(huge)
except OverflowError as e:
    print("OverflowError:", e)
print(huge[-1], huge.index(5), 10 ** 29 in huge)
class I:
    def __index__(self): return 4
print(range(I()), range(1, I()), range(0, 10, I())[1])

print((-2**100) >> 101)
print((-2**100 - 1) >> 100, (-2**100) >> 100, (-5) >> 1, (-2**64) >> 1)
print(1 / 10**300)
print(10**400 / 10**100)
print((2**1000 + 1) / 2**999)
class K:
    def __init__(self, s): self.s = s
    def __hash__(self): return hash(self.s)
    def __eq__(self, o): return self.s == o
print(K('a') in {'a': 1})
print(K('a') in {'a'})
d = {'a': 1}
print(d[K('a')])

print(1 / 10**300, 10**400 / 10**100, (2**1000 + 1) / 2**999, 1/3, 2**1074 and 1 / 2**1074, 1 / 2**1075, 3 / 2**1076, 1/2**1022, (2**53+1)/1)
print((-2**100) >> 101, (-2**100 - 1) >> 100, (-2**100) >> 100, (-5) >> 1, (-2**64) >> 1, -(2**200) >> 3, (-(2**200)-7) >> 3)
vals = [1, 3, 7, 10**17+1, 2**53+1, 2**54-1, 10**300, 10**308, 2**1023, 3**700, 7**400, 10**30+7, 2**1074, 5**500]
out = []
for x in vals:
    for y in vals:
        for sx in (1, -1):
            try:
                out.append(repr(sx*x / y))
            except OverflowError as e:
                out.append('OverflowError ' + str(e))
print(' '.join(out))

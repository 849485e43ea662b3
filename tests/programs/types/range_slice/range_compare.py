# range equality is by content; ranges used in other containers.
pairs = [(range(0), range(0)), (range(0), range(1, 1)), (range(3), range(0, 3)), (range(0, 3, 2), range(0, 4, 2)),
         (range(0, 1, 3), range(0, 1, 7)), (range(1, 0), range(5, 2)), (range(3), range(4)), (range(5, 0, -1), range(5, 0, -2))]
for a, b in pairs:
    print(a, b, a == b, a != b, hash(a) == hash(b))
print({range(3): "r"}[range(0, 3)], range(3) in [range(0, 3)], len({range(2), range(0, 2, 1), range(1)}))
print(list(map(len, [range(5), range(0, 10, 3), range(10, 0, -3)])), sorted(range(5), reverse=True))
print(tuple(range(3)), set(range(3)), dict.fromkeys(range(2)), str(range(1, 5, 2)), range(3).__reversed__().__class__.__name__)

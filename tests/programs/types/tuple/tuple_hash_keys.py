# Hashing tuples and using them as dict keys / set members.
print(hash(()) == hash(()), hash((1, 2)) == hash((1, 2)), hash((1, 2)) == hash((2, 1)), hash((1,)) == hash((1.0,)))
grid = {}
for r in range(3):
    for c in range(3):
        grid[r, c] = r * 3 + c
print(grid[1, 2], grid[(2, 0)], (0, 0) in grid, (3, 3) in grid, len(grid))
print(sorted(k for k in grid if k[0] == k[1]))
s = {(1, 2), (1, 2), (2, 1), (1, (2, 3))}
print(len(s), (1, (2, 3)) in s)
for bad in [([1],), (1, {2}), ((1, [2]),), ({},)]:
    try:
        hash(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    {(1, [2]): "x"}
except TypeError as e:
    print("TypeError:", e)
print(hash((1, 2, 3)) == hash(tuple([1, 2, 3])), hash(((), ((),))) == hash(((), ((),))))
memo = {}
def paths(r, c):
    if (r, c) in memo:
        return memo[r, c]
    result = 1 if r == 0 or c == 0 else paths(r - 1, c) + paths(r, c - 1)
    memo[r, c] = result
    return result
print(paths(10, 10), len(memo))
print(hash((1, 2)), hash(()), hash((0,)), hash((-1,)), hash(("a",)) == hash(("a",)))

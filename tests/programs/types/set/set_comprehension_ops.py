# Sets built from comprehensions and used for membership-heavy logic.
evens = {x for x in range(30) if x % 2 == 0}
threes = {x for x in range(30) if x % 3 == 0}
print(sorted(evens & threes), sorted(evens - threes)[:5], len(evens | threes), sorted(evens ^ threes)[:6])
words = "the quick brown fox jumps over the lazy dog".split()
letters = {c for w in words for c in w}
print(len(letters), sorted(set("abcdefghijklmnopqrstuvwxyz") - letters), letters >= set("xyz"))
seen, dupes = set(), set()
for w in words:
    (dupes if w in seen else seen).add(w)
print(sorted(seen), sorted(dupes))
squares = {n * n for n in range(100)}
pairs = sorted((a, b) for a in range(1, 50) for b in range(a, 50) if a * a + b * b in squares)
print(pairs)
print({len(w) for w in words}, {w[0] for w in words} == set("tqbfjold"), frozenset(w for w in words if len(w) == 3) == {"the", "fox", "dog"})
grid = {(r, c) for r in range(3) for c in range(3)}
grid -= {(1, 1)}
print(len(grid), (1, 1) in grid, sorted(grid)[:3])

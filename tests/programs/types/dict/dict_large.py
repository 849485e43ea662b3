# Many insertions and deletions keep insertion order and correct lookups.
d = {}
for i in range(20000):
    d[f"k{i}"] = i
for i in range(0, 20000, 2):
    del d[f"k{i}"]
print(len(d), list(d)[:5], list(d)[-3:], d["k19999"], "k0" in d)
for i in range(0, 100, 2):
    d[f"k{i}"] = -i
print(len(d), list(d)[-3:], list(d.values())[-3:])
total = 0
for k, v in d.items():
    total += v
print(total)
ints = {i: i * i for i in range(-5000, 5000)}
print(len(ints), ints[-4999], ints[0], sum(ints) , list(ints)[:3])
for i in range(-5000, 5000, 3):
    ints.pop(i)
print(len(ints), list(ints)[:5])
tuples = {(i, i % 7): i for i in range(3000)}
print(tuples[(2999, 2999 % 7)], len(tuples), (5, 5) in tuples, (5, 6) in tuples)
d2 = dict.fromkeys(range(1000), 0)
d2.update((k, k) for k in range(500, 1500))
print(len(d2), d2[499], d2[1499], list(d2)[998:1002])

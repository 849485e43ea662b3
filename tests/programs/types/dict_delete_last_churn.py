# Insert-then-delete of the newest key leaves DUMMY slots behind while the
# entry array shrinks; the table must still grow (or rebuild) so lookups end.
d = {}
for i in range(100000):
    d[i] = i
    del d[i]
print(len(d), 5 in d)

d = {"keep": 1}
for i in range(50000):
    d[("k", i)] = i
    d.pop(("k", i))
print(d, ("k", 3) in d)

d = {}
for i in range(20000):
    d[i] = 1
    d.popitem()
print(len(d), d.get(7))

s = set()
for i in range(100000):
    s.add(i)
    s.discard(i)
print(len(s), 5 in s)

# What happens when a list changes while it is being iterated (defined, not an error).
l = [1, 2, 3, 4, 5, 6]
for x in l:
    if x % 2 == 0:
        l.remove(x)
print(l)
l = [1, 2, 3]
seen = []
for x in l:
    seen.append(x)
    if len(l) < 6:
        l.append(x * 10)
print(seen, l)
l = [1, 2, 3, 4]
for i, x in enumerate(l):
    del l[i]
print(l)
l = [0, 1, 2]
it = iter(l)
print(next(it))
l.clear()
print(list(it))
l = [1, 2, 3]
r = reversed(l)
l.append(4)
print(list(r))
l = [1, 2, 3]
r = reversed(l)
l.pop()
l.pop()
print(list(r))

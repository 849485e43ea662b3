# Mutating a set while iterating raises RuntimeError (only when its size changes).
seen = {1, 2, 3}
for x in seen:
    if x == 2:
        seen.discard(1)
        seen.add(100)
print("same size: no error", sorted(seen))
for x in seen:
    seen.add(x * 10)

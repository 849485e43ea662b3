# Iterating ranges in different ways.
print([i for i in range(0, 20, 5)], [i for i in range(20, 0, -5)], [i for i in range(-5, -1)])
it = iter(range(3))
print(next(it), next(it), next(it), next(it, "done"), type(it).__name__)
r = range(3)
print(list(r), list(r), list(zip(r, r[::-1])), list(enumerate(range(10, 13))))
total = 0
for i in range(1, 101):
    if i % 3 == 0 or i % 5 == 0:
        total += i
print(total)
n = 3
for i in range(n):
    n = 10
    print("loop", i)
for i in range(0):
    print("never")
else:
    print("empty range else")
print(list(range(10 ** 18, 10 ** 18 + 3)), list(range(2 ** 63 - 2, 2 ** 63 + 2)))
print(sum(1 for _ in range(100000)), len([x for x in range(0, 100000, 7)]))
bit = iter(range(10 ** 19, 10 ** 19 + 2))
print(type(bit).__name__, list(bit))

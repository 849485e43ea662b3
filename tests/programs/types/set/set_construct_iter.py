# Building sets, deduplication and iteration order of int sets.
print(set(), set([1, 2, 2, 3]), set("hello") == {"h", "e", "l", "o"}, set(range(5)), set((1, 1)), set({1: "a", 2: "b"}))
print({x % 4 for x in range(20)}, set(x * x for x in [-2, -1, 0, 1, 2]))
print({5, 3, 9, 1}, {100, 1, 10}, {8, 16, 24, 32}, {-5, 5, 0}, set([2 ** 40, 1]))
print(sorted({"pear", "apple", "fig"}), len(set("mississippi")), sorted(set("mississippi")))
s = set()
for word in "a b a c b a".split():
    s.add(word)
print(sorted(s), len(s))
print({1, 1.0, True}, {0, 0.0, False, -0.0}, {(1, 2), (1, 2)}, {None, None})
try:
    set(1)
except TypeError as e:
    print("TypeError:", e)
try:
    set([[1]])
except TypeError as e:
    print("TypeError:", e)
items = [3, 1, 3, 2, 1]
seen = set()
unique_in_order = []
for x in items:
    if x not in seen:
        seen.add(x)
        unique_in_order.append(x)
print(unique_in_order, seen)
s = {1, 2, 3}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print("RuntimeError:", e)
s = {1, 2, 3}
for x in list(s):
    s.discard(x)
print(s)

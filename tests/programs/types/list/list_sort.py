# list.sort and sorted: stability, key, reverse, errors.
data = [("b", 2), ("a", 3), ("c", 1), ("a", 1), ("b", 1)]
print(sorted(data), sorted(data, key=lambda t: t[1]), sorted(data, key=lambda t: t[0], reverse=True))
s = data[:]
s.sort(key=lambda t: t[0])
print(s)
s.sort(key=lambda t: t[1], reverse=True)
print(s)
words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=len, reverse=True))
nums = [5, -3, 0, 2.5, -7, 10, True, 3]
print(sorted(nums), sorted(nums, key=abs), sorted(nums, reverse=True))
stable = sorted(range(20), key=lambda n: n % 3)
print(stable)
rev_stable = sorted(range(20), key=lambda n: n % 3, reverse=True)
print(rev_stable)
print(sorted("hello world"), sorted({3: "a", 1: "b"}), sorted({"x", "a"}), sorted((3, 1, 2)), sorted([]))
l = [3, 1, 2]
r = l.sort()
print(r, l)
for bad in [lambda: sorted([1, "a"]), lambda: [1, None].sort(), lambda: sorted([1], key=5), lambda: [].sort(lambda x: x)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
print(sorted([[2, "b"], [1, "z"], [2, "a"], [1]]), sorted([(1, 2), (1,), ()]))
calls = []
def key(x):
    calls.append(x)
    return -x
print(sorted([3, 1, 2], key=key), calls)
big = [(i * 7919) % 1000 for i in range(1000)]
print(sorted(big)[:10], sorted(big)[-5:], sorted(big) == sorted(big, key=lambda v: v))
print(sorted([0.1, float("inf"), -0.0, 0.0, -float("inf")]), sorted([1, 1.0, True], key=lambda v: 0))

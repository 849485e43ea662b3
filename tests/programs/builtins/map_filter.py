# map() and filter().
print(list(map(str, [1, 2, 3])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(len, ["", "ab", "abc"])))
print(list(map(pow, [2, 3, 4], [1, 2, 3], [5, 5, 5])), list(map(max, [1, 5], [4, 2], [3, 3])))
print(list(filter(None, [0, 1, "", "x", None, [], [0], False, True])), list(filter(lambda x: x % 2, range(10))))
print(list(filter(str.isdigit, "a1b2c3")), list(filter(bool, [])), type(map(str, [])).__name__, type(filter(None, [])).__name__)
m = map(lambda x: print("mapping", x) or x * 10, [1, 2])
print("map is lazy")
print(next(m))
print(list(m))
f = filter(lambda x: print("testing", x) or x > 1, [1, 2, 3])
print("filter is lazy")
print(list(f))
for bad in [lambda: map(), lambda: map(str), lambda: list(map(5, [1])), lambda: filter(None), lambda: filter(None, 5), lambda: list(map(len, [1]))]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

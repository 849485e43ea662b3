# min() and max() with every calling convention.
print(max(3, 1, 2), min(3, 1, 2), max([3, 1, 2]), min("hello"), max("abc", "abd"), max((1, 2), (1, 3)), min([[2], [1, 5]]))
print(max([1, -5, 3], key=abs), min(["aa", "b", "ccc"], key=len), max({"a": 3, "b": 1}, key={"a": 3, "b": 1}.get))
print(max([], default="empty"), min((), default=None), max([7], default=0), max(x for x in [4, 9, 2]))
print(max([1, 1.0, True]), min([True, 1, 1.0]), max([(1, "b"), (1, "a")]), max(["b", "a", "b"], key=lambda s: 0))
print(max(1, 2, key=lambda x: -x), min(range(10), key=lambda x: (x - 4.5) ** 2), max("a", "B", key=str.lower))
for bad in [lambda: max(), lambda: min([]), lambda: max(5), lambda: max([1, "a"]), lambda: max(1, 2, default=0),
            lambda: min([], key=len), lambda: max([1], bogus=1)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
nan = float("nan")
print(max([nan, 1]), max([1, nan]), min([nan, 1, 0]), max(float("inf"), 10 ** 400))

# sorted() and reversed().
print(sorted([3, 1, 2]), sorted("cab"), sorted((2, 1)), sorted({3: 0, 1: 0}), sorted({2, 1}), sorted(range(3, 0, -1)))
print(sorted([3, 1, 2], reverse=True), sorted(["b", "A", "c"], key=str.lower), sorted([-3, 1, 2], key=abs, reverse=True))
print(sorted([], reverse=True), sorted(x for x in [2, 1]), sorted([(1, "b"), (1, "a"), (0, "z")]))
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed("abc")), list(reversed(range(4))), list(reversed({1: 2, 3: 4})))
print(list(reversed(b"ab")), "".join(reversed("stressed")), type(reversed([])).__name__, type(reversed(range(3))).__name__)
class R:
    def __reversed__(self): return iter("custom")
print(list(reversed(R())))
class Seq:
    def __len__(self): return 3
    def __getitem__(self, i): return i * 10
print(list(reversed(Seq())))
for bad in [lambda: reversed({1, 2}), lambda: reversed(5), lambda: reversed(x for x in []), lambda: sorted(5), lambda: sorted([1], 5),
            lambda: sorted()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
r = reversed([1, 2, 3])
print(next(r), list(r), list(r))

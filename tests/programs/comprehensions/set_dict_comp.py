# Set and dict comprehensions.
print({x % 5 for x in range(20)})
print({c for c in "mississippi"} == set("misp"))
print(sorted({w.lower() for w in "The the THE a A".split()}))
print({x: x ** 2 for x in range(6)})
print({v: k for k, v in {"a": 1, "b": 2, "c": 1}.items()})
print({k: v for k, v in zip("abc", range(3)) if v != 1})
print({i: [j for j in range(i)] for i in range(4)})
print({(x, y): x * y for x in range(3) for y in range(3) if x <= y})
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
print({w[0]: len([x for x in words if x[0] == w[0]]) for w in words})
print({k: k * 2 for k in "aba"})
print(type({x for x in ()}).__name__, type({x: x for x in ()}).__name__, {x: x for x in ()})
print({frozenset((i, i + 1)) for i in range(3)} == {frozenset({0, 1}), frozenset({1, 2}), frozenset({2, 3})})
counts = {}
text = "hello world"
print({ch: text.count(ch) for ch in text if ch != " "})
print({n: ("even" if n % 2 == 0 else "odd") for n in range(5)})

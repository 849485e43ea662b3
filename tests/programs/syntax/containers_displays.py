# List, tuple, set and dict displays.
print([], [1], [1, 2,], [[]], [[], [[]]])
print((), (1,), (1, 2), ((),), (1, 2,))
print(type(()).__name__, type((1)).__name__, type((1,)).__name__)
print({1, 2, 3}, {1, 1, 1}, {(1, 2)}, set())
print({}, {'a': 1}, {'a': 1, 'a': 2}, {1: 'int', 1.0: 'float', True: 'bool'})
print({1: 'one', 2: 'two'}[2])
print(type({}).__name__, type({1}).__name__)
t = 1, 2, 3
print(t, type(t).__name__)
single = 5,
print(single)
print([1, 'a', None, 2.5, (3,), [4], {5}, {6: 7}])
print({'nested': {'deep': [1, {'x': (2,)}]}})
print({True: 'yes', None: 'none', (1, 'a'): 'tuple'})
print({frozenset({1}): 'fs'})
print({0, 0.0, False}, {1, 1.0, True})
print(len([1] * 1000), len({i for i in range(100)}))
print(repr([...]), [Ellipsis])
l = [1, 2]
l.append(l)
print(l)
d = {}
d['self'] = d
print(d)

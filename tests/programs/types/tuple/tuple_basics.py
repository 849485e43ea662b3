# tuple construction, methods and immutability.
print((), (1,), (1, 2), tuple(), tuple([1, 2]), tuple("abc"), tuple(range(3)), tuple({1: 2}), tuple(x for x in "xy"))
t = (3, 1, 4, 1, 5, 9, 2, 6)
print(t.count(1), t.count(7), t.index(1), t.index(1, 2), t.index(9, 0, 6), len(t), min(t), max(t), sum(t))
for bad in [lambda: t.index(7), lambda: t.index(1, 4), lambda: t.__setitem__(0, 1), lambda: t.append(1), lambda: t + [1],
            lambda: t * 1.5, lambda: tuple(5), lambda: t[100]]:
    try:
        bad()
    except (ValueError, TypeError, AttributeError, IndexError) as e:
        print(type(e).__name__ + ":", e)
try:
    del t[0]
except TypeError as e:
    print("TypeError:", e)
print(t + (7,), (0,) * 3, 2 * (1, 2), t * 0, t[::-1], t[2:5], t[-2:], t[::3], type(t[1:2]).__name__)
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 100), () < (0,), (1, "a") == (1, "a"), (1, 2) == [1, 2])
nested = ([1], {"k": 0})
nested[0].append(2)
nested[1]["k"] += 1
print(nested)
try:
    nested[0] += [3]
except TypeError as e:
    print("TypeError:", e, "| but list was mutated:", nested[0])
a = (1, 2)
b = a
a += (3,)
print(a, b, a is b)
print(tuple(t) is t, t[:] is t, (1,).__class__.__name__, isinstance((), tuple))
x, y, *z = t
print(x, y, z)
print(repr((1,)), repr(((),)), repr((("a",),)), str((None, True, 1.5, "s", b"b")))

# Operators on lists: +, *, +=, *=, comparisons, membership, identity.
a = [1, 2, 3]
b = a
a += [4]
print(a, b, a is b)
a = a + [5]
print(a, b, a is b)
m = [[0]] * 3
m[0].append(1)
print(m)
m2 = [[0] for _ in range(3)]
m2[0].append(1)
print(m2)
z = [1, 2]
z *= 2
print(z, [0] * 0, [0] * -3, [] * 100, 2 * [1])
print([1, 2] == [1, 2], [1, 2] != [2, 1], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9, 9], [] < [0], [[1]] < [[2]])
print(1 in [1, 2], [1] in [[1], 2], 3 not in [1, 2], None in [None])
try:
    [1] + (2,)
except TypeError as e:
    print("TypeError:", e)
try:
    [1] * 2.0
except TypeError as e:
    print("TypeError:", e)
try:
    [1] < [None]
except TypeError as e:
    print("TypeError:", e)
l = [1, 2]
l += (3, 4)
l += "ab"
l += range(2)
l += {"k": 1}
print(l)
print(list(), list("abc"), list((1, 2)), list({1: 2}), list(range(3)), list(x * 2 for x in range(3)), list([1, [2]]))
print(len([]), len([[]]), bool([]), bool([0]), list.__name__, type([]) is list, isinstance([], list))
n = [1, [2, [3]]]
n2 = n.copy()
n2[1][0] = "shared"
print(n, n2)

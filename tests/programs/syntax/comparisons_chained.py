# Chained comparisons: semantics and evaluation once.
calls = []
def v(x):
    calls.append(x)
    return x
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 < 2 > 0)
print(1 == 1 == 1, 1 == 1 != 2, 1 != 2 != 1)
print(v(1) < v(2) < v(3)); print(calls); calls.clear()
print(v(1) < v(0) < v(3)); print(calls); calls.clear()
print(v(5) > v(3) >= v(3) > v(1) != v(2)); print(calls); calls.clear()
x = 5
print(0 < x <= 5, 0 < x < 5, x in [5] in [[5]])
two = 2
print(1 < two is not None)
print('a' < 'b' < 'c', 'abc' < 'abd', 'Z' < 'a', '' < 'a')
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, 'a') < (1, 'b'), [] < [0])
print((1, 2) == (1, 2), [1] == [1.0], 1 == 1.0 == True)
print(float('nan') == float('nan'), float('nan') != float('nan'))
n = float('nan')
print(n < 1, n > 1, n == n, n is n, [n] == [n])
print(1 < 2.5 < 3, -1 < -0.5 < 0)
print(2**100 > 2.0**99, 2**100 == 2.0**100, 2**53 + 1 == 2.0**53)
try:
    1 < 'a'
except TypeError as e:
    print(e)
try:
    [1] < (1,)
except TypeError as e:
    print(e)
try:
    None < None
except TypeError as e:
    print(e)
print({1, 2} < {1, 2, 3}, {1} <= {1}, {1, 2} > {3})
print(None == None, None is None, None == 0)

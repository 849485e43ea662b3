# is / is not / in / not in.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c)
print(None is None, True is True, type(None) is type(None))
print(1 in [1, 2], 3 not in [1, 2], 'b' in 'abc', 'bc' in 'abc', '' in 'abc')
print(2 in (1, 2), 'k' in {'k': 1}, 1 in {'k': 1}, 1 in {1}, 1.0 in {1})
print(5 in range(10), 10 in range(10), 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print(b'a' in b'abc', 97 in b'abc', [1] in [[1]], (1,) in [(1,)])
n = float('nan')
print(n in [n], n == n, n in [float('nan')])
class Always:
    def __eq__(self, o): return True
print(Always() in [1], 1 in [Always()])
class Cont:
    def __contains__(self, x):
        print("contains", x)
        return x > 0
print(5 in Cont(), -5 in Cont(), 0 not in Cont())
class It:
    def __iter__(self): return iter([1, 2, 3])
print(2 in It(), 7 in It())
class Gi:
    def __getitem__(self, i):
        if i > 4: raise IndexError(i)
        return i * 10
print(30 in Gi(), 35 in Gi())
try:
    1 in 5
except TypeError as e:
    print("TypeError:", e)
try:
    1 in 'abc'
except TypeError as e:
    print("TypeError:", e)
x = ()
print(() == x, x == ())

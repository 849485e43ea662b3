# for over various iterables.
for c in "abc": print(c, end=' ')
print()
for x in (1, 2): print(x, end=' ')
print()
for k in {'b': 1, 'a': 2}: print(k, end=' ')
print()
for k, v in {'b': 1, 'a': 2}.items(): print(k, v, end='; ')
print()
for b in b'AB': print(b, end=' ')
print()
for i in range(10, 0, -3): print(i, end=' ')
print()
for i, c in enumerate('xyz', 1): print(i, c, end=' ')
print()
for a, b in zip([1, 2, 3], 'ab'): print(a, b, end=' ')
print()
class Count:
    def __init__(self, n): self.n = n
    def __iter__(self):
        self.i = 0
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
for v in Count(4): print(v, end=' ')
print()
class Legacy:
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i * i
for v in Legacy(): print(v, end=' ')
print()
lst = [1, 2, 3]
for x in lst:
    if x == 1:
        lst.append(4)
    print(x, end=' ')
print()
for x in []: pass
for i in range(3):
    i = 100
print(i)
for lst[0] in range(3): pass
print(lst)
for _ in range(2): print("underscore")
try:
    for x in 5: pass
except TypeError as e:
    print("TypeError:", e)

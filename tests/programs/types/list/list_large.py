# Larger lists: building, sorting, slicing and searching many elements.
n = 100000
squares = [i * i for i in range(n)]
print(len(squares), squares[-1], sum(squares) % 1000007, squares[n // 2])
data = [(i * 7919) % 100003 for i in range(n)]
s = sorted(data)
print(s[:5], s[-5:], data.index(s[0]), data.count(0))
data.sort(reverse=True)
print(data[:3], data[-3:])
chunks = [data[i:i + 1000] for i in range(0, n, 1000)]
print(len(chunks), len(chunks[-1]), sum(len(c) for c in chunks))
evens = data[::2]
odds = data[1::2]
print(len(evens), len(odds), evens[:3], odds[:3])
del data[::3]
print(len(data))
data[10:20] = []
data[:0] = [-1] * 5
print(len(data), data[:7])
stack = []
for i in range(n):
    stack.append(i)
while len(stack) > 10:
    stack.pop()
print(stack)
nested = [[j for j in range(i % 5)] for i in range(1000)]
print(sum(map(len, nested)), nested[7], max(nested, key=len))
print(list(reversed(range(10)))[::3], [0] * 5 + [1] * 3, len([None] * 50000))

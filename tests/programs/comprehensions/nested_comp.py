# Nested comprehensions and multiple for clauses.
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for row in matrix for i in range(len(row)) if i == 0])
print([[row[i] for row in matrix] for i in range(3)])
print([x for row in matrix for x in row])
print([x for row in matrix if sum(row) > 6 for x in row if x % 2])
print([(i, j) for i in range(3) for j in range(i, 3)])
print([[i * j for j in range(1, 4)] for i in range(1, 4)])
print([[[k for k in range(j)] for j in range(i)] for i in range(3)])
print({(a, b) for a in "ab" for b in "ab" if a != b})
print({i: {j: i * j for j in range(2)} for i in range(2)})
print([c for word in ["hi", "yo"] for c in word])
print([y for x in [[1, [2]], [3, [4]]] for y in x[1]])
print(sum(x * y for x in range(4) for y in range(4)))
print([(x, y, z) for x in range(1, 20) for y in range(x, 20) for z in range(y, 20) if x * x + y * y == z * z])
deep = [[[1, 2], [3]], [[4], [5, 6]]]
print([c for a in deep for b in a for c in b])

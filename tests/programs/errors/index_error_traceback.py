# IndexError messages, then an uncaught one in a nested expression.
items = [10, 20, 30]
for bad in [lambda: items[3], lambda: items[-4], lambda: "abc"[5], lambda: (1,)[1], lambda: [].pop(), lambda: range(2)[9]]:
    try:
        bad()
    except IndexError as e:
        print(type(e).__name__, e)
matrix = [[1, 2], [3, 4]]
total = matrix[0][1] + matrix[1][0]
print(total)
value = matrix[1][0] * matrix[2][1]

# Lists used as stack and queue, plus algorithms.
stack = []
for i in range(5):
    stack.append(i * i)
while stack:
    print("pop", stack.pop(), "left", stack)
queue = ["a", "b", "c"]
queue.append("d")
while queue:
    print("dequeue", queue.pop(0), queue)
def bubble(xs):
    xs = xs[:]
    for i in range(len(xs)):
        for j in range(len(xs) - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
    return xs
def insertion(xs):
    out = []
    for x in xs:
        i = len(out)
        while i > 0 and out[i - 1] > x:
            i -= 1
        out.insert(i, x)
    return out
def quick(xs):
    if len(xs) <= 1:
        return xs
    pivot, rest = xs[0], xs[1:]
    return quick([x for x in rest if x < pivot]) + [pivot] + quick([x for x in rest if x >= pivot])
data = [5, 2, 9, 1, 5, 6, -3, 0, 12, 7]
print(bubble(data), insertion(data), quick(data), data)
def rotate(xs, k):
    k %= len(xs)
    return xs[-k:] + xs[:-k]
print(rotate([1, 2, 3, 4, 5], 2), rotate([1, 2, 3], -1), rotate([1], 10))
matrix = [[i * 3 + j for j in range(3)] for i in range(3)]
print(matrix, [list(r) for r in zip(*matrix)], [row[::-1] for row in matrix][::-1])
def dedupe(xs):
    seen = []
    return [x for x in xs if not (x in seen or seen.append(x))]
print(dedupe([3, 1, 3, 2, 1, 4]))

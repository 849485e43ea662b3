# Tuple packing and unpacking in assignments, loops, returns and calls.
point = 3, 4
x, y = point
print(point, x, y, type(point).__name__)
(a, b), (c, d) = (1, 2), (3, 4)
print(a, b, c, d)
first, *middle, last = (10, 20, 30, 40, 50)
print(first, middle, last, type(middle).__name__)
def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([5, 3, 9])
print(lo, hi, minmax("hello"))
for i, (name, score) in enumerate((("ann", 90), ("bob", 85))):
    print(i, name, score)
pairs = [(1, "one"), (2, "two")]
nums, names = zip(*pairs)
print(nums, names)
def args_to_tuple(*args):
    return args
print(args_to_tuple(*point, *"ab"), args_to_tuple())
a, b = b, a
print(a, b)
t = 1,
print(t, len(t), (1) == 1, (1,) == 1)
(x,) = [99]
print(x)
try:
    p, q = (1, 2, 3)
except ValueError as e:
    print("ValueError:", e)
try:
    p, q, r = (1,)
except ValueError as e:
    print("ValueError:", e)

# The binary-trees allocation benchmark (tuples as nodes), depth 16.
def make(d):
    return (make(d - 1), make(d - 1)) if d else (None, None)
def check(t):
    l, r = t
    return 1 if l is None else 1 + check(l) + check(r)
max_depth = 16
stretch = make(max_depth + 1)
print("stretch", check(stretch))
del stretch
long_lived = make(max_depth)
for d in range(4, max_depth + 1, 2):
    iterations = 2 ** (max_depth - d + 4)
    total = 0
    for i in range(iterations):
        total += check(make(d))
    print(iterations, d, total)
print("long lived", check(long_lived))

# Unbounded recursion ends with a RecursionError and a collapsed traceback.
def depth_probe(n):
    if n == 0:
        return 0
    return 1 + depth_probe(n - 1)
print(depth_probe(100))
try:
    depth_probe(10 ** 6)
except RecursionError as e:
    print("caught:", e)
def forever(n):
    return forever(n + 1)
forever(0)

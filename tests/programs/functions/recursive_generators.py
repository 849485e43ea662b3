# Recursive generator functions.
def inorder(node):
    if node:
        yield from inorder(node[1])
        yield node[0]
        yield from inorder(node[2])
t = (5, (3, (1, None, None), (4, None, None)), (8, None, (9, None, None)))
print(list(inorder(t)))
def perms(s):
    if len(s) <= 1:
        yield s
        return
    for i in range(len(s)):
        for p in perms(s[:i] + s[i + 1:]):
            yield s[i] + p
print(list(perms("abc")))
def combos(items, k):
    if k == 0:
        yield ()
        return
    for i in range(len(items)):
        for rest in combos(items[i + 1:], k - 1):
            yield (items[i],) + rest
print(list(combos("abcd", 2)))
def flatten(x):
    for item in x:
        if isinstance(item, (list, tuple)):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, (2, [3, (4,)]), [[[5]]], 6])))
def partitions(n, max_part=None):
    if max_part is None:
        max_part = n
    if n == 0:
        yield []
        return
    for k in range(min(n, max_part), 0, -1):
        for p in partitions(n - k, k):
            yield [k] + p
print(list(partitions(5)))
print(sum(1 for _ in partitions(20)))
def gray(n):
    if n == 0:
        yield ""
        return
    prev = list(gray(n - 1))
    for code in prev:
        yield "0" + code
    for code in reversed(prev):
        yield "1" + code
print(list(gray(3)))

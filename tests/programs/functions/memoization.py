# Memoization patterns written by hand.
def memoize(fn):
    cache = {}
    def wrapper(*args):
        if args in cache:
            wrapper.hits += 1
            return cache[args]
        wrapper.misses += 1
        result = cache[args] = fn(*args)
        return result
    wrapper.hits = wrapper.misses = 0
    wrapper.cache = cache
    return wrapper
@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100), fib.hits, fib.misses)
@memoize
def grid_paths(r, c):
    if r == 0 or c == 0:
        return 1
    return grid_paths(r - 1, c) + grid_paths(r, c - 1)
print(grid_paths(16, 16), len(grid_paths.cache))
def lcs(a, b):
    memo = {}
    def go(i, j):
        if i == len(a) or j == len(b):
            return ""
        key = (i, j)
        if key not in memo:
            if a[i] == b[j]:
                memo[key] = a[i] + go(i + 1, j + 1)
            else:
                x, y = go(i + 1, j), go(i, j + 1)
                memo[key] = x if len(x) >= len(y) else y
        return memo[key]
    return go(0, 0)
print(lcs("AGGTAB", "GXTXAYB"), lcs("abcdefghij", "acegikbdfhj"))
def coin_change(coins, amount):
    table = [0] + [None] * amount
    for a in range(1, amount + 1):
        best = None
        for c in coins:
            if c <= a and table[a - c] is not None:
                cand = table[a - c] + 1
                if best is None or cand < best:
                    best = cand
        table[a] = best
    return table[amount]
print(coin_change([1, 5, 10, 25], 63), coin_change([2], 3), coin_change([3, 7], 29))
def edit_distance(s, t):
    prev = list(range(len(t) + 1))
    for i, cs in enumerate(s, 1):
        cur = [i]
        for j, ct in enumerate(t, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (cs != ct)))
        prev = cur
    return prev[-1]
print(edit_distance("kitten", "sitting"), edit_distance("", "abc"), edit_distance("flaw", "lawn"))

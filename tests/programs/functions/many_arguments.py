# Calls with very many arguments and functions with many parameters.
def count(*args, **kwargs):
    return len(args), len(kwargs)
print(count(*range(1000)))
print(count(**{"k%d" % i: i for i in range(500)}))
print(count(*range(300), **{"k%d" % i: i for i in range(300)}))
def twenty(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t):
    return a + b + c + d + e + f + g + h + i + j + k + l + m + n + o + p + q + r + s + t
print(twenty(*range(20)))
print(twenty(*range(10), **{ch: 1 for ch in "klmnopqrst"}))
big_tuple = tuple(range(5000))
def last(*a):
    return a[-1], a[0], len(a)
print(last(*big_tuple))
print(max(*range(2000)), min(*range(2000, 0, -1)))
print(sum([*range(100), *range(100)]))

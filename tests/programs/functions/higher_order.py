# Higher-order functions written by hand.
def my_map(f, xs):
    return [f(x) for x in xs]
def my_filter(p, xs):
    return [x for x in xs if p(x)]
def my_reduce(f, xs, init):
    acc = init
    for x in xs:
        acc = f(acc, x)
    return acc
def compose(*fns):
    def composed(x):
        for f in reversed(fns):
            x = f(x)
        return x
    return composed
def partial(fn, *pargs, **pkw):
    def call(*args, **kw):
        merged = dict(pkw)
        merged.update(kw)
        return fn(*pargs, *args, **merged)
    return call
nums = list(range(1, 11))
print(my_map(lambda x: x * 3, nums))
print(my_filter(lambda x: x % 3 == 0, nums))
print(my_reduce(lambda a, b: a * b, nums, 1))
print(my_reduce(lambda a, b: a + [b * b], nums, []))
inc = lambda x: x + 1
sq = lambda x: x * x
print(compose(inc, sq)(3), compose(sq, inc)(3), compose()(7))
def power(base, exp, mod=None):
    return pow(base, exp, mod) if mod else base ** exp
cube = partial(power, exp=3)
print(cube(2), cube(3), partial(power, 2)(10), partial(power, 2, mod=7)(10))
def curry(fn, n):
    def curried(*args):
        if len(args) >= n:
            return fn(*args)
        return lambda *more: curried(*args, *more)
    return curried
add3 = curry(lambda a, b, c: a + b + c, 3)
print(add3(1)(2)(3), add3(1, 2)(3), add3(1)(2, 3), add3(1, 2, 3))
def apply_n(f, n):
    def g(x):
        for _ in range(n):
            x = f(x)
        return x
    return g
print(apply_n(lambda s: s + "!", 3)("hey"), apply_n(sq, 3)(2))
def zip_with(f, a, b):
    return [f(x, y) for x, y in zip(a, b)]
print(zip_with(lambda x, y: x * y, [1, 2, 3], [4, 5, 6]))
def group_by(key, xs):
    out = {}
    for x in xs:
        out.setdefault(key(x), []).append(x)
    return out
print(group_by(len, ["a", "bb", "cc", "d", "eee"]))
print(sorted(["banana", "Apple", "cherry"], key=str.lower))
print(list(map(str.upper, ["x", "y"])), list(map(len, ["", "ab"])))

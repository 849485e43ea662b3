# A call moves the stack's reference to the function into the callee's
# frame: the function (and the globals its frame borrows) must live exactly
# as long as the frame, whatever else drops it meanwhile.
import gc
import sys
import weakref


def rec(n):
    global rec
    me = rec
    if n == 0:
        del rec  # the frames' references keep the function alive
        return [sys._getframe(i).f_code.co_name for i in range(3)]
    return me(n - 1)


for _ in range(3):
    print(rec(2))
    print("rec" in globals())
    exec("def rec(n):\n    global rec\n    me = rec\n    if n == 0:\n        del rec\n        return n\n    return me(n - 1)\n")


def make(k):
    def inner(x):
        return x + k, sys._getframe().f_globals is globals()

    return inner


print(make(1)(2))
print([make(i)(i) for i in range(3)])
print((lambda a, b: a * b)(6, 7))


class A:
    def m(self, x):
        return self, x

    def __call__(self, y):
        return y * 2


a = A()
print(a.m(1)[1], A.m(a, 2)[1], a(21), [a.m(i)[1] for i in range(3)])
bound = a.m
print(bound(5)[1])
del bound


# The only reference to a function is the one on the stack.
def factory():
    ns = {}
    exec("def f(x):\n    return X + x\nX = 100\n", ns)
    f = ns["f"]
    r = weakref.ref(f)
    del ns
    return f, r


f, r = factory()
print(f(1))
print(f(2), r() is f)
del f
gc.collect()
print(r() is None)

# A function whose frame is captured by a generator outlives the call site.
def gen_maker():
    ns = {}
    exec("def g():\n    yield X\n    yield X * 2\nX = 7\n", ns)
    return ns["g"]


gens = [gen_maker()() for _ in range(3)]
gc.collect()
print([list(g) for g in gens])


# Calls from many sites, recursion, and exceptions unwinding through them.
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(15))


def boom(n):
    if n == 0:
        raise ValueError("bottom")
    return boom(n - 1)


for depth in (0, 1, 5):
    try:
        boom(depth)
    except ValueError as e:
        tb = e.__traceback__
        count = 0
        while tb:
            count += 1
            tb = tb.tb_next
        print(depth, count)

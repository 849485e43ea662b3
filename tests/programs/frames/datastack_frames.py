# Frames of plain calls live on a per-thread data stack; frames that
# outlive their call (generators, frame objects, tracebacks) move off it.
import sys
import threading


def held_frame(a, b):
    x = a + b
    f = sys._getframe()
    return f


f = held_frame(1, 2)
print(sorted(k for k in f.f_locals), f.f_locals["x"], f.f_code.co_name)


def caller_of_held():
    inner = held_frame(10, 20)
    return inner


f2 = caller_of_held()
print(sorted(f2.f_locals), f2.f_locals["x"])


def raises(n):
    big = [n] * 3
    if n == 0:
        raise ValueError("bottom")
    return raises(n - 1)


try:
    raises(5)
except ValueError as e:
    tb = e.__traceback__
    seen = []
    while tb is not None:
        seen.append((tb.tb_frame.f_code.co_name, tb.tb_frame.f_locals.get("n")))
        tb = tb.tb_next
    print(seen)
    last = e.__traceback__
    while last.tb_next:
        last = last.tb_next
    last.tb_frame.clear()
    print(last.tb_frame.f_locals)


def gen(n):
    local = n * 2
    yield sys._getframe().f_back is not None
    yield local
    for i in range(n):
        yield i


def make_gen_deep(d, n):
    if d == 0:
        return gen(n)
    return make_gen_deep(d - 1, n)


g = make_gen_deep(50, 3)
print(list(g))


# Deep recursion with big frames crosses data stack chunks many times.
def wide(n, a=0, b=1, c=2, d=3, e=4, f=5, g=6, h=7):
    l1 = l2 = l3 = l4 = l5 = l6 = l7 = l8 = n
    if n == 0:
        return a + b + c + d + e + f + g + h
    return wide(n - 1, a, b, c, d, e, f, g, h) + l1 - l8


for _ in range(3):
    print(wide(900))


def boundary(n):
    if n == 0:
        out = []
        for i in range(3):
            out.append(sys._getframe(i))
        return out
    return boundary(n - 1)


frames = [boundary(k) for k in range(0, 600, 37)]
print(len(frames), [fr.f_locals["n"] for fr in frames[-1]])


def recurse_forever(n):
    return recurse_forever(n + 1)


try:
    recurse_forever(0)
except RecursionError as e:
    print("RecursionError", e)


class Body:
    x = [i for i in range(3)]
    y = sum(x)


print(Body.y)
ns = {}
exec("def k(a):\n    return a * 3\nres = k(7)", ns)
print(ns["res"])

results = []


def worker(k):
    def r(n):
        return 0 if n == 0 else 1 + r(n - 1)

    results.append((k, r(300 + k), sorted(held_frame(k, k).f_locals)))


ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results))


def coro_frames():
    async def c(n):
        return sys._getframe().f_locals["n"] + n

    co = c(4)
    try:
        co.send(None)
    except StopIteration as s:
        return s.value


print(coro_frames())


def frame_chain():
    def inner():
        return sys._getframe(1)

    outer = inner()
    return outer


fc = frame_chain()
print(fc.f_code.co_name, sorted(fc.f_locals))


# A frame object that outlives its frame keeps the caller's frame as f_back.
def outer_keep():
    return held_frame(1, 1)


f3 = outer_keep()
print(f3.f_back.f_code.co_name, f3.f_back.f_back.f_code.co_name, f3.f_back.f_locals)

try:
    raises(2)
except ValueError as e:
    t = e.__traceback__.tb_next.tb_next
    print(t.tb_frame.f_code.co_name, t.tb_frame.f_back.f_locals.get("n"), t.tb_frame.f_back.f_back.f_locals.get("n"))


def gen_back():
    yield sys._getframe()


for fr in gen_back():
    pass
print(fr.f_back)

# A generator's frame lives inside the generator object: its locals, its
# `frame` object before, during and after the run, and after the generator
# itself is gone; frames larger than the small-object pools; tracebacks
# through generators resumed in place and by send()/throw().
import sys


def g(a):
    x = a + 1
    y = yield x
    f = sys._getframe()
    print("inside", y, f.f_code.co_name, f.f_back.f_code.co_name, f is f.f_back.f_locals.get("fr"))
    try:
        yield x * 2
    finally:
        print("finally of", a)
    return 7


def main():
    it = g(1)
    print(sorted(it.gi_frame.f_locals.items()), it.gi_running, it.gi_suspended, it.gi_code.co_name)
    print(next(it))
    fr = it.gi_frame
    print(sorted(fr.f_locals.items()), it.gi_suspended, fr.f_lineno)
    print(it.send(5))
    print(sorted(fr.f_locals))
    try:
        it.send(9)
    except StopIteration as e:
        print("stop", e.value)
    # The finished frame stays readable through its frame object.
    print(sorted(fr.f_locals), it.gi_frame, fr.f_lineno)
    del it
    print(sorted(fr.f_locals))

    # A suspended generator that dies hands its frame to the frame object.
    it = g(4)
    next(it)
    f2 = it.gi_frame
    del it
    print("after del", sorted(f2.f_locals), f2.f_code.co_name)

    it = g(3)
    next(it)
    try:
        it.throw(ValueError("boom"))
    except ValueError:
        tb = sys.exc_info()[2]
        names = []
        while tb is not None:
            names.append((tb.tb_frame.f_code.co_name, tb.tb_lineno - g.__code__.co_firstlineno))
            tb = tb.tb_next
        print("throw traceback", names[1:])
    print(it.gi_frame, it.gi_suspended)


def big():
    a = b = c = d = e = f = h = i = j = k = l = m = n = o = p = q = r = s = t = u = v = w = xx = y = z = 1
    lst = [a, b, c, d, e, f, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, xx, y, z] * 3
    yield (a, b, c, d, e, f, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, xx, y, z,
           a, b, c, d, e, f, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, xx, y, z,
           a, b, c, d, e, f, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, xx, y, z)
    yield len(lst)


def raiser(n):
    yield n
    raise KeyError(n)


def deleg():
    r = yield from g(10)
    print("delegate returned", r)
    yield from big()


main()
bg = big()
print(len(next(bg)), next(bg), sorted(bg.gi_frame.f_locals)[:3])
fb = bg.gi_frame
del bg
print(len(fb.f_locals))
for k in range(3):
    try:
        for x in raiser(k):
            pass
    except KeyError as e:
        tb = e.__traceback__
        print("raised", e, tb.tb_next.tb_frame.f_code.co_name, tb.tb_next.tb_frame.f_locals)
d = deleg()
print(next(d), d.send(1))
print([len(v) if isinstance(v, tuple) else v for v in d])
print(sum(x * x for x in range(10)), list(zip(g(0), "ab")))

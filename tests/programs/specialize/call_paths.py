# The call and return paths: CALL_PY_WITH_DEFAULTS (defaults filled in the
# new frame, then __defaults__ replaced, shortened, removed), methods through
# PRECALL_BOUND_METHOD, frames that start past their RESUME (tracebacks,
# f_back, f_lasti, profilers and trace functions that arrive later),
# RecursionError through each call form, and Python functions called from
# native code (map with one and two iterables, sorted keys, __init__ with
# several argument counts, property getters, dunder slots).
import sys


def warm(fn, *args):
    r = None
    for _ in range(60):
        r = fn(*args)
    return r


def d3(a, b=2, c=3):
    return (a, b, c)


def call_d3_1(x):
    return d3(x)


def call_d3_2(x):
    return d3(x, x)


def call_d3_3(x):
    return d3(x, x, x)


print(warm(call_d3_1, 1), warm(call_d3_2, 1), warm(call_d3_3, 1))
d3.__defaults__ = (20, 30)
print(call_d3_1(5), call_d3_2(5))
d3.__defaults__ = (30,)
print(call_d3_2(6))
try:
    call_d3_1(6)
except TypeError as e:
    print("TypeError:", e)
d3.__defaults__ = (7, 8, 9)
print(call_d3_1(1), call_d3_2(1))
d3.__defaults__ = None
try:
    call_d3_2(6)
except TypeError as e:
    print("TypeError:", e)


def mutable_default(x, acc=[]):
    acc.append(x)
    return len(acc)


def call_md(x):
    return mutable_default(x)


print(warm(call_md, 1), call_md(2), mutable_default.__defaults__[0][:3])


class P:
    def __init__(self, v=0):
        self.v = v

    def get(self, k=1, scale=10):
        return self.v * scale + k

    def noargs(self):
        return self.v

    @property
    def twice(self):
        return self.v * 2


def method_defaults(p):
    return p.get(), p.get(2), p.get(3, 100)


def bound_method(m, x):
    return m(x)


print(warm(method_defaults, P(4)))
print(warm(bound_method, P(5).get, 1), bound_method(P(6).get, 2))
print(warm(bound_method, lambda x: x * 3, 7), bound_method(len, "abcd"))
m = P(2).noargs
try:
    bound_method(m, 1)
except TypeError as e:
    print("TypeError:", e)


# A frame that starts past its RESUME still has its place in tracebacks,
# its f_back and its f_lasti.
def first_raises(x):
    return x.missing


def first_frame(x):
    return sys._getframe()


def call_first(fn, x):
    return fn(x)


warm(call_first, first_frame, 1)
f = call_first(first_frame, 1)
print(f.f_code.co_name, f.f_back.f_code.co_name, f.f_lasti > 0, f.f_lineno)
for _ in range(30):
    try:
        call_first(first_raises, 1)
    except AttributeError:
        pass
try:
    call_first(first_raises, 1)
except AttributeError as e:
    tb = e.__traceback__
    lines = []
    while tb:
        lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print("AttributeError:", e, lines)

# A profiler or a trace function set after the sites specialized sees every
# call and return.
events = []


def prof(frame, event, arg):
    if frame.f_code.co_name in ("d3", "call_d3_2", "first_frame", "get"):
        events.append((event, frame.f_code.co_name))


d3.__defaults__ = (2, 3)
warm(call_d3_2, 1)
sys.setprofile(prof)
call_d3_2(1)
call_first(first_frame, 2)
method_defaults(P(1))
sys.setprofile(None)
print(events)
events.clear()


def tracer(frame, event, arg):
    if frame.f_code.co_name in ("d3", "call_d3_2", "first_frame"):
        events.append((event, frame.f_code.co_name, frame.f_lineno))
        return tracer
    return None


sys.settrace(tracer)
call_d3_2(1)
call_first(first_frame, 2)
sys.settrace(None)
print(events)


# RecursionError through exact-args, defaults and method calls, with
# CPython's message, and the interpreter usable afterwards.
def rec_exact(n):
    return rec_exact(n + 1)


def rec_defaults(n, step=1):
    return rec_defaults(n + step)


class R:
    def rec(self, n, step=1):
        return self.rec(n + step)


for fn, arg in ((rec_exact, 0), (rec_defaults, 0), (R().rec, 0)):
    try:
        fn(arg)
    except RecursionError as e:
        print(type(e).__name__, e)


def depth_at_error(fn):
    n = 0

    def probe():
        nonlocal n
        n += 1
        probe()

    try:
        probe()
    except RecursionError:
        return n > 100


print(depth_at_error(None))


# Python functions called from native code.
def inc(x):
    return x + 1


def add(x, y):
    return x + y


def kw_only(x, *, k=5):
    return x + k


def with_default(x, y=100):
    return x + y


print(list(map(inc, range(5))), list(map(add, range(3), range(10, 13))))
print(list(map(kw_only, [1, 2])), list(map(with_default, [1, 2])), list(map(with_default, [1], [2])))
try:
    list(map(add, [1, 2]))
except TypeError as e:
    print("TypeError:", e)
try:
    list(map(inc, [1], [2]))
except TypeError as e:
    print("TypeError:", e)
print(sorted(range(8), key=lambda x: (x % 3, -x)), max([3, 9, 2], key=inc), min("bca", key=ord))
print(list(filter(lambda x: x % 2, range(9))))


class Init:
    def __init__(self, *args):
        self.args = args


class Init0:
    def __init__(self):
        self.n = 0


class Init3:
    def __init__(self, a, b, c=3):
        self.t = (a, b, c)


print([Init(*range(n)).args for n in range(8)])
print(Init0().n, Init3(1, 2).t, Init3(1, 2, 4).t, Init3(1, b=5).t)
try:
    Init3(1)
except TypeError as e:
    print("TypeError:", e)
try:
    Init0(1)
except TypeError as e:
    print("TypeError:", e)


class Dunder:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return self.v == other.v

    def __hash__(self):
        return hash(self.v)

    def __len__(self):
        return self.v

    def __getitem__(self, i, default=None):
        return (i, default)

    def __call__(self, a, b=2, *rest):
        return (a, b, rest)


d = Dunder(3)
print(d == Dunder(3), len(d), d[1], {d: 1}[Dunder(3)], d(1), d(1, 5, 6), P(21).twice)
print(warm(lambda: [P(i).twice for i in range(3)]))


# The depth at which each call form meets the recursion limit.
def depth_exact(n):
    try:
        return depth_exact(n + 1)
    except RecursionError:
        return n


def depth_defaults(n, step=1):
    try:
        return depth_defaults(n + step)
    except RecursionError:
        return n


class Depth:
    def depth(self, n, step=1):
        try:
            return self.depth(n + step)
        except RecursionError:
            return n


def depth_map(n):
    try:
        return list(map(depth_map, [n + 1]))[0]
    except RecursionError:
        return n


print(depth_exact(0), depth_defaults(0), Depth().depth(0), depth_map(0))


def depth_filter(n):
    try:
        return list(filter(depth_filter_pred, [n + 1]))[0]
    except RecursionError:
        return n


def depth_filter_pred(n):
    filter_seen.append(n)
    return depth_filter(n)


filter_seen = []
depth_filter(0)
print(max(filter_seen))

# Frames borrow their function's globals and builtins, and keep the stack
# pointer in the eval loop: these paths observe a frame after its function
# is gone, from a generator, a traceback, the cycle collector, a trace
# function, and deep recursion.
import gc
import sys


def make_ns(src):
    ns = {"__builtins__": __builtins__}
    exec(src, ns)
    return ns


# A frame object outlives its function and the function's namespace.
ns = make_ns("import sys\ndef f():\n    y = 5\n    return sys._getframe()\nX = 'ns-x'\n")
fr = ns["f"]()
del ns
gc.collect()
print(sorted(k for k in fr.f_globals if not k.startswith("__")), fr.f_globals["X"], fr.f_locals)
print(fr.f_builtins is __builtins__.__dict__ or fr.f_builtins is __builtins__)
del fr


# A suspended generator: its frame holds the function; the collector runs
# while the namespace is reachable only through it.
def mk_gen():
    ns = make_ns("def gen():\n    x = 1\n    yield X\n    yield X + x\n    yield len('abc')\nX = 41\n")
    return ns["gen"]()


g = mk_gen()
gc.collect()
print(next(g))
gc.collect()
print(next(g), next(g))
print(g.gi_frame.f_globals["X"])
del g
gc.collect()

# A cycle through a generator and its globals is collected.
ns = make_ns("def gen():\n    yield G\n")
ns["G"] = ns["gen"]()
print(next(ns["G"]) is ns["G"])
del ns
print(gc.collect() > 0)


# A traceback's frames keep working after the functions are gone.
def mk_tb():
    ns = make_ns("def inner(a):\n    b = a * 2\n    raise ValueError(b)\ndef outer():\n    return inner(21)\n")
    try:
        ns["outer"]()
    except ValueError as e:
        return e.__traceback__


tb = mk_tb()
gc.collect()
names = []
while tb is not None:
    f = tb.tb_frame
    names.append((f.f_code.co_name, tb.tb_lineno, sorted(k for k in f.f_locals), "inner" in f.f_globals))
    tb = tb.tb_next
print(names)


# Class bodies and exec with their own locals.
class C:
    a = 1
    b = a + 1
    def m(self):
        return sys._getframe().f_globals is globals()


print(C.b, C().m())
loc = {}
exec("z = len([1, 2]) + 1", {}, loc)
print(loc)


# A trace function that reads f_lineno and the stack depth, on calls that
# nest, raise and use the value stack across calls.
events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name in ("add3", "deep"):
        events.append((frame.f_code.co_name, event, frame.f_lineno - first))
    return tracer


def add3(a, b, c):
    return a + (b + (c + 0))


def deep(n):
    if n == 0:
        raise KeyError(n)
    return [1, 2, deep(n - 1)]


first = add3.__code__.co_firstlineno
sys.settrace(tracer)
try:
    r = [add3(1, 2, 3) for _ in range(2)], (lambda: add3(4, 5, 6))()
    try:
        deep(2)
    except KeyError:
        pass
finally:
    sys.settrace(None)
print(r)
print(events)


# Recursion: the limit is CPython's, deep recursion does not use the Rust
# stack, and frames are reused.
def rec(n):
    return 0 if n == 0 else 1 + rec(n - 1)


print(rec(900))
old = sys.getrecursionlimit()
sys.setrecursionlimit(20000)
print(rec(15000))
sys.setrecursionlimit(old)
try:
    rec(10**6)
except RecursionError as e:
    print("RecursionError", e)


# Values on the stack under a call survive the callee's frames.
def ident(x):
    return x


def stacked(a):
    return (a, [a, (ident(a), {a: ident([a, ident(a)])})], ident(a) + ident(a))


print(stacked(3))
print(sum(ident(i) * ident(i + 1) for i in range(100)))


# A trace function jumps (f_lineno =): the jump checks the stack depth.
def jumper():
    x = 1
    for i in range(2):
        x += i
    x = 100
    return x


def jt(frame, event, arg):
    if frame.f_code is jumper.__code__ and event == "line":
        if frame.f_lineno == jumper.__code__.co_firstlineno + 4:
            frame.f_lineno += 1
    return jt


sys.settrace(jt)
try:
    print(jumper())
finally:
    sys.settrace(None)

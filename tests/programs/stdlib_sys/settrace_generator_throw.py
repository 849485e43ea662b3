# Throwing into a suspended generator (throw(), close(), a generator left
# by any()) enters its frame: trace and profile functions see a 'call'
# first (CPython 3.11's TRACE_FUNCTION_THROW_ENTRY), then the 'exception'.
import sys


def gen():
    try:
        yield 1
        "continued"
    finally:
        "finally"


def events_of(run):
    base = gen.__code__.co_firstlineno
    ev = []

    def tracer(frame, event, arg):
        if frame.f_code.co_name == "gen":
            ev.append((frame.f_lineno - base, event))
        return tracer

    sys.settrace(tracer)
    try:
        run()
    finally:
        sys.settrace(None)
    return ev


def closing():
    g = gen()
    next(g)
    g.close()


def throwing():
    g = gen()
    next(g)
    try:
        g.throw(KeyError("k"))
    except KeyError:
        pass


def left_by_any():
    any(gen())


def thrown_before_start():
    g = gen()
    try:
        g.throw(KeyError("k"))
    except KeyError:
        pass


for run in (closing, throwing, left_by_any, thrown_before_start):
    print(run.__name__, events_of(run))

prof = []


def profiler(frame, event, arg):
    if frame.f_code.co_name == "gen":
        prof.append(event)


g = gen()
next(g)
sys.setprofile(profiler)
g.close()
sys.setprofile(None)
print("profile", prof)


# A trace function failing at that 'call': its error replaces the thrown one.
def failing(frame, event, arg):
    if frame.f_code.co_name == "gen" and event == "call" and ready:
        raise ValueError("tracer")
    return failing


ready = False
g = gen()
next(g)
ready = True
sys.settrace(failing)
try:
    g.throw(KeyError("k"))
except Exception as e:
    sys.settrace(None)
    print(type(e).__name__, e, g.gi_frame)

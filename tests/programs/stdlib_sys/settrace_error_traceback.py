# A trace function that raises: which frames the error's traceback lists
# (CPython 3.11: the traced frame once for 'call' and 'line' events, where
# the eval loop records it as for any error at the instruction; not at all
# for 'return' (the frame ends at once, `exit_unwind`) nor for 'exception',
# whose original error already has the entry).
import sys


def make(event_wanted):
    def tracer(frame, event, arg):
        if event == event_wanted and frame.f_code.co_name in ("g", "gen"):
            raise ValueError(event)
        return tracer
    return tracer


def g():
    x = 1
    return x


def gen():
    try:
        yield 1
    except ValueError:
        print("  the generator's own handler ran (it must not)")
    yield 2


def frames(e):
    out = []
    tb = e.__traceback__
    while tb:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno - tb.tb_frame.f_code.co_firstlineno))
        tb = tb.tb_next
    return out


for event in ("call", "line", "return"):
    sys.settrace(make(event))
    try:
        g()
    except ValueError as e:
        sys.settrace(None)
        print(event, frames(e))

# 'return' at a yield inside a try block: the handler does not run.
sys.settrace(make("return"))
try:
    list(gen())
except ValueError as e:
    sys.settrace(None)
    print("yield", frames(e))


def raising():
    yield 1
    raise KeyError("k")


def exc_tracer(frame, event, arg):
    if event == "exception" and frame.f_code.co_name == "raising":
        raise ValueError("from the tracer")
    return exc_tracer


sys.settrace(exc_tracer)
try:
    list(raising())
except ValueError as e:
    sys.settrace(None)
    print("exception", frames(e))
print(sys.gettrace())

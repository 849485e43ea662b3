# The local trace function returned by 'call', f_trace, f_trace_lines,
# f_trace_opcodes, sys.gettrace, sys._getframe().f_trace, and a trace
# function that raises (tracing is then unset).
import sys

log = []


def f(a):
    b = a + 1
    c = b * 2
    return c


def only_calls(frame, event, arg):
    log.append(("global", event, frame.f_code.co_name))
    return None


def local(frame, event, arg):
    log.append(("local", event, frame.f_lineno - frame.f_code.co_firstlineno))
    return local


def returns_local(frame, event, arg):
    if frame.f_code.co_name == "f":
        return local
    return None


for tracer in (only_calls, returns_local):
    log.clear()
    sys.settrace(tracer)
    f(1)
    sys.settrace(None)
    print(tracer.__name__, log)

# f_trace_lines = False, f_trace_opcodes = True: opcode events, no lines.
def opcodes(frame, event, arg):
    if event == "call":
        if frame.f_code.co_name != "f":
            return None
        frame.f_trace_lines = False
        frame.f_trace_opcodes = True
    log.append(event)
    return opcodes


log.clear()
sys.settrace(opcodes)
f(2)
sys.settrace(None)
print("lines" in log, log.count("opcode") > 5, log[0], log[-1])

# Setting f_trace on the current frame and on callers.
def me(frame, event, arg):
    log.append((event, frame.f_code.co_name))
    return me


def inner():
    fr = sys._getframe()
    print("f_trace before", fr.f_trace)
    fr.f_trace = me
    print("f_trace is me", fr.f_trace is me)
    x = 1
    return x


log.clear()
sys.settrace(lambda *a: None)
print("gettrace set", sys.gettrace() is not None)
inner()
sys.settrace(None)
print(log)

try:
    sys._getframe().f_trace_lines = 1
except TypeError as e:
    print("TypeError", e)


# A trace function that raises: the error propagates, tracing is unset.
def bad(frame, event, arg):
    if event == "line":
        raise RuntimeError("from tracer")
    return bad


sys.settrace(bad)
try:
    f(3)
except RuntimeError as e:
    print("caught", e, sys.gettrace())

# sys.call_tracing traces even from inside a trace function.
seen = []


def outer_tracer(frame, event, arg):
    seen.append((event, frame.f_code.co_name))
    if event == "call" and frame.f_code.co_name == "f":
        sys.call_tracing(g, (1,))
    return None


def g(x):
    return x


sys.settrace(outer_tracer)
f(1)
sys.settrace(None)
print("call_tracing", seen)

# Locals changed by a trace function are written back.
def changer(frame, event, arg):
    if event == "line" and frame.f_code.co_name == "h" and frame.f_lineno - frame.f_code.co_firstlineno == 2:
        frame.f_locals["v"] = 99
    return changer


def h():
    v = 1
    return v


sys.settrace(changer)
print("h", h())
sys.settrace(None)

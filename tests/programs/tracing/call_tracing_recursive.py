# sys.call_tracing from inside a trace function: the call itself is not
# traced, but a sys.settrace inside it traces what it runs (a recursive
# debugger, pdb's 'debug' command); afterwards the outer trace function
# goes on as before.
import sys

events = []


def inner(frame, event, arg):
    events.append(("inner", event, frame.f_code.co_name, frame.f_lineno))
    return inner


def recursive_run(src):
    sys.settrace(inner)
    try:
        exec(compile(src, "<debug>", "exec"), {})
    finally:
        sys.settrace(None)


def untraced():
    return sum(range(3))


def outer(frame, event, arg):
    if frame.f_code.co_name == "target":
        events.append(("outer", event, frame.f_code.co_name, frame.f_lineno))
        if event == "line" and frame.f_lineno == target.__code__.co_firstlineno + 2:
            print("plain call:", sys.call_tracing(untraced, ()))
            sys.call_tracing(recursive_run, ("x = 1\ny = x + 1\n",))
            sys.settrace(outer)
    return outer


def target():
    a = 1
    b = 2
    return a + b


sys.settrace(outer)
target()
sys.settrace(None)
for e in events:
    print(*e)

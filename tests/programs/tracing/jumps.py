# frame.f_lineno = n from a trace function: valid jumps and the errors of
# invalid ones.
import sys


def make_jumper(frm, to):
    result = []

    def tracer(frame, event, arg):
        if frame.f_code is not target.__code__:
            return None
        if event == "line" and frame.f_lineno - frame.f_code.co_firstlineno == frm and not result:
            result.append("jumped")
            try:
                frame.f_lineno = frame.f_code.co_firstlineno + to
            except ValueError as e:
                result.append(str(e))
        return tracer

    return tracer, result


def run(fn, frm, to):
    global target
    target = fn
    tracer, result = make_jumper(frm, to)
    out = []
    sys.settrace(tracer)
    try:
        fn(out)
    finally:
        sys.settrace(None)
    print(fn.__name__, frm, "->", to, out, result)


def skip_forward(out):
    out.append(1)
    out.append(2)
    out.append(3)


def jump_back(out):
    out.append(1)
    out.append(2)
    if len(out) < 4:
        out.append(3)


def into_loop(out):
    out.append(1)
    for i in range(2):
        out.append(i)
    out.append(3)


def out_of_loop(out):
    for i in range(3):
        out.append(i)
        out.append("x")
    out.append("end")


def into_except(out):
    out.append(1)
    try:
        out.append(2)
    except ValueError:
        out.append(3)
    out.append(4)


def into_with(out):
    out.append(1)
    with open(__file__) as f:
        out.append(2)
    out.append(3)


run(skip_forward, 1, 3)
run(jump_back, 3, 1)
run(into_loop, 1, 3)
run(out_of_loop, 2, 4)
run(into_except, 1, 5)
run(into_with, 1, 3)
run(skip_forward, 1, 100)
run(skip_forward, 1, -5)


# Jumps from other events.
def ev_jumper(frame, event, arg):
    if frame.f_code.co_name == "small":
        if event in ("call", "return", "exception"):
            try:
                frame.f_lineno = frame.f_code.co_firstlineno + 1
            except ValueError as e:
                print(event, "ValueError", e)
    return ev_jumper


def small():
    try:
        raise OSError
    except OSError:
        pass
    return 1


sys.settrace(ev_jumper)
small()
sys.settrace(None)

try:
    sys._getframe().f_lineno = 3
except ValueError as e:
    print("not tracing:", e)

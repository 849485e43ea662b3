# An exception reported through sys.unraisablehook without a traceback of its
# own gets one made from the frame running at the time (CPython's
# PyErr_WriteUnraisable), and that traceback is set on the exception too.
import sys

seen = []


def hook(args):
    tb = args.exc_traceback
    seen.append(args)
    print("hook:", args.exc_type.__name__, args.exc_value)
    print("  has traceback:", tb is not None)
    if tb is not None:
        print("  tb is exc.__traceback__:", tb is args.exc_value.__traceback__)
        print("  frame:", tb.tb_frame.f_code.co_name, "line", tb.tb_lineno)
        print("  tb_next:", tb.tb_next)


sys.unraisablehook = hook


def ignores_exit():
    try:
        yield 1
    except GeneratorExit:
        yield 2


def drop_in_function():
    g = ignores_exit()
    next(g)
    del g  # the RuntimeError is reported here, from drop_in_function's frame


drop_in_function()

g = ignores_exit()
next(g)
del g  # reported from the module's frame


class Noisy:
    def __del__(self):
        raise ValueError("from __del__")


def drop_noisy():
    n = Noisy()
    n = None  # __del__'s exception carries its own traceback (from __del__)
    return n


drop_noisy()
tb = seen[-1].exc_traceback
print("__del__ traceback frames:", [tb.tb_frame.f_code.co_name, tb.tb_next is None])

# The default hook prints the made traceback.
sys.unraisablehook = sys.__unraisablehook__


def quiet_close():
    try:
        yield
    except GeneratorExit:
        yield


def run_default():
    q = quiet_close()
    next(q)
    del q


class Capture:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def flush(self):
        pass


def without_address(text):
    head, sep, tail = text.partition(" at 0x")
    if not sep:
        return text
    return head + tail[tail.index(">"):]


sys.stderr = Capture()
run_default()
captured, sys.stderr = sys.stderr, sys.__stderr__
print(without_address("".join(captured.parts)), end="")
print("done")

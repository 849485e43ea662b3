# A frame that ends by an exception still gets the 'return' event; an error
# the trace function raises there replaces the frame's exception (with no
# context), and the caller sees the new one. That is how bdb's 'quit' stops
# a program while a StopIteration of a generator passes through.
import sys


class Quit(Exception):
    pass


def f():
    raise KeyError(1)


def g():
    return f()


def tracer(frame, event, arg):
    if event == "return" and frame.f_code.co_name == "f":
        print("return of f, arg", arg)
        raise Quit("from the tracer")
    return tracer


sys.settrace(tracer)
try:
    g()
except BaseException as e:
    sys.settrace(None)
    print(type(e).__name__, e, repr(e.__context__))


def gen():
    yield 0
    return 123


def main():
    it = gen()
    next(it)
    next(it)


def quit_at_main_return(frame, event, arg):
    if event == "return" and frame.f_code.co_name == "main":
        raise Quit("quit")
    return quit_at_main_return


sys.settrace(quit_at_main_return)
try:
    main()
except BaseException as e:
    sys.settrace(None)
    print(type(e).__name__, e)

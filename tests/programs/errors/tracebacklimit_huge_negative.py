# sys.tracebacklimit below a C long prints no traceback entries, as 0 does.
import sys


def f1():
    1 / 0


def f2():
    f1()


sys.tracebacklimit = -1 << 1000
f2()

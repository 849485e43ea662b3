# types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno) keeps what it
# is given.
import sys
import types


def get_tb():
    try:
        raise OSError()
    except OSError as e:
        return e.__traceback__


other_tb = get_tb()
frame = sys._getframe()
for lasti in (1, 2, 7, 0):
    tb = types.TracebackType(other_tb, frame, lasti, 2)
    print(tb.tb_next is other_tb, tb.tb_frame is frame, tb.tb_lasti, tb.tb_lineno)
print(types.TracebackType(None, frame, 1, 2).tb_next)
for args in (("no", frame, 1, 2), (other_tb, "no", 1, 2), (other_tb, frame, "no", 2), (other_tb, frame, 1, "nuh-uh")):
    try:
        types.TracebackType(*args)
    except TypeError:
        print("TypeError")

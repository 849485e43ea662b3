# Traceback objects: tb_lineno, tb_next, tb_frame, with_traceback.
def level3():
    raise ValueError("deep")
def level2():
    level3()
def level1():
    level2()
try:
    level1()
except ValueError as e:
    tb = e.__traceback__
    lines = []
    names = []
    while tb is not None:
        lines.append(tb.tb_lineno)
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print(lines, names)
e = ValueError("no tb yet")
print(e.__traceback__)
try:
    raise e
except ValueError:
    pass
print(e.__traceback__ is not None, e.__traceback__.tb_lineno)
e2 = KeyError("x").with_traceback(None)
print(repr(e2), e2.__traceback__)
try:
    try:
        raise TypeError("t")
    except TypeError as t:
        saved_tb = t.__traceback__
    raise RuntimeError("r").with_traceback(saved_tb)
except RuntimeError as r:
    tb = r.__traceback__
    print(tb.tb_lineno, tb.tb_next.tb_lineno)
def f():
    try:
        1 / 0
    except ZeroDivisionError as z:
        return z
z = f()
print(z.__traceback__.tb_lineno, z.__traceback__.tb_frame.f_code.co_name)
try:
    e.__traceback__ = 5
except TypeError as err:
    print("TypeError:", err)

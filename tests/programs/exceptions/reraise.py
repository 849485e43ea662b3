# Bare raise, raise e, re-raising with modified state.
def bare():
    try:
        raise ValueError("orig")
    except ValueError:
        raise
try:
    bare()
except ValueError as e:
    print("bare re-raise:", repr(e), e.__context__)
def named():
    try:
        raise ValueError("orig2")
    except ValueError as e:
        raise e
try:
    named()
except ValueError as e:
    print("named re-raise:", repr(e), e.__context__)
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
def reraise_after_handling_other():
    try:
        raise KeyError("first")
    except KeyError:
        try:
            raise ValueError("second")
        except ValueError:
            pass
        raise
try:
    reraise_after_handling_other()
except KeyError as e:
    print("re-raised the right one:", repr(e))
def modify_and_reraise():
    try:
        raise ValueError("base message")
    except ValueError as e:
        e.args = (e.args[0] + " (with context)",)
        raise
try:
    modify_and_reraise()
except ValueError as e:
    print(e)
saved = None
try:
    raise IndexError("saved")
except IndexError as e:
    saved = e
try:
    raise saved
except IndexError as e:
    print("raised saved later:", e is saved)
def raise_in_nested_function():
    def inner():
        raise
    try:
        raise TypeError("outer active")
    except TypeError:
        inner()
try:
    raise_in_nested_function()
except TypeError as e:
    print("bare raise in callee:", repr(e))

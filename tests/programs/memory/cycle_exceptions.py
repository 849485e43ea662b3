import gc
import sys
import weakref
gc.disable()
gc.collect()
class Marker:
    pass
def saves_exception():
    m = Marker()
    try:
        raise ValueError("x")
    except ValueError as e:
        saved = e
    return weakref.ref(m)
r = saves_exception()
print("frame kept by exception cycle", r() is not None)
print("collect", gc.collect(), r() is None)
def returns_exception():
    m = Marker()
    try:
        1 / 0
    except ZeroDivisionError as e:
        return e, weakref.ref(m)
e, r = returns_exception()
print("returned exception keeps the frame", r() is not None, e.__traceback__.tb_frame.f_code.co_name)
e.__traceback__ = None
print("traceback dropped", r() is None)
def exc_info_cycle():
    m = Marker()
    try:
        raise KeyError("k")
    except KeyError:
        info = sys.exc_info()
    return weakref.ref(m)
r = exc_info_cycle()
print("sys.exc_info() cycle", gc.collect(), r() is None)
def chained():
    m = Marker()
    try:
        try:
            raise ValueError("a")
        except ValueError as e:
            raise KeyError("b") from e
    except KeyError as e2:
        kept = e2
    return weakref.ref(m)
r = chained()
print("chained exceptions", gc.collect(), r() is None)
def except_as_deleted():
    m = Marker()
    try:
        raise ValueError
    except ValueError as e:
        pass
    return weakref.ref(m)
r = except_as_deleted()
print("'except as' name is deleted, no cycle", r() is None)
print("nothing left", gc.collect())

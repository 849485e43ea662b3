# tracemalloc: start/stop, traceback limits, object tracebacks, traced memory and peaks
import os
import tracemalloc

print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
print(tracemalloc.get_object_traceback(object()))
for bad in (0, -1, 65536):
    try:
        tracemalloc.start(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    tracemalloc.start(2 ** 40)
except OverflowError as e:
    print("OverflowError:", e)
try:
    tracemalloc.start("3")
except TypeError as e:
    print("TypeError:", e)

tracemalloc.start(4)
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())


class Leaf:
    __slots__ = ("value",)


def inner():
    return Leaf()


def middle():
    return inner()


def outer():
    return middle()


obj = outer()
tb = tracemalloc.get_object_traceback(obj)
print(len(tb), tb.total_nframe)
for frame in tb:
    print(os.path.basename(frame.filename), frame.lineno)
print([line.strip() for line in tb.format()][-2:])
print(tracemalloc.get_object_traceback(None), tracemalloc.get_object_traceback(1))

# start() while tracing changes nothing, not even the limit.
tracemalloc.start(1)
print(tracemalloc.get_traceback_limit())
obj2 = outer()
print(len(tracemalloc.get_object_traceback(obj2)), len(tracemalloc.get_object_traceback(obj)))

current, peak = tracemalloc.get_traced_memory()
print(current > 0, peak >= current)
big = [str(i) * 3 for i in range(20000)]
current2, peak2 = tracemalloc.get_traced_memory()
print(current2 > current, peak2 >= current2)
del big
current3, peak3 = tracemalloc.get_traced_memory()
print(current3 < current2, peak3 >= peak2)
tracemalloc.reset_peak()
current4, peak4 = tracemalloc.get_traced_memory()
print(peak4 < peak3, peak4 >= current4)
print(tracemalloc.get_tracemalloc_memory() > 0)

tracemalloc.clear_traces()
print(tracemalloc.get_object_traceback(obj), tracemalloc.is_tracing())
obj3 = outer()
print(tracemalloc.get_object_traceback(obj3)[0].lineno)
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory(), tracemalloc.get_object_traceback(obj3))
print(tracemalloc._get_traces())
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print("RuntimeError:", e)

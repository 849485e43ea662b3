import _tracemalloc
import tracemalloc

print(_tracemalloc.__doc__)
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory(), tracemalloc.get_traceback_limit())
print(tracemalloc.get_object_traceback(object()), _tracemalloc._get_traces())
tracemalloc.stop()
tracemalloc.clear_traces()
tracemalloc.reset_peak()
for n in (0, 70000, -1):
    try:
        tracemalloc.start(n)
    except ValueError as e:
        print("ValueError", e)
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print("RuntimeError", e)
for call in [lambda: _tracemalloc.is_tracing(1), lambda: _tracemalloc.start(1, 2), lambda: _tracemalloc.start("a")]:
    try:
        call()
    except TypeError as e:
        print("TypeError", e)

import _lsprof
import cProfile

print(_lsprof.__doc__, sorted(n for n in dir(_lsprof) if not n.startswith("__")))
print(sorted(n for n in dir(_lsprof.Profiler) if not n.startswith("__")))
print(_lsprof.profiler_entry.n_fields, _lsprof.profiler_subentry.n_fields)
p = _lsprof.Profiler()
print(p.getstats())
p.clear()
p.disable()
_lsprof.Profiler(None, 0.0, True, False)
try:
    _lsprof.Profiler(1, 2, 3, 4, 5)
except TypeError as e:
    print("TypeError", e)
print(issubclass(cProfile.Profile, _lsprof.Profiler))
pr = cProfile.Profile()
print(pr.getstats())

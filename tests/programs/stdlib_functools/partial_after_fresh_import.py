# Re-importing _functools (test.support.import_fresh_module does) makes new
# types; instances of the first import's partial (and its subclasses) must
# still be creatable.
import sys
import functools
import _functools

first = _functools.partial


class Sub(first):
    pass


del sys.modules["_functools"]
import _functools as fresh

print(fresh.partial is first)
p = first(max, 1)
print(p(5), p(0))
s = Sub(min, 3)
print(s(7), type(s).__name__)
q = fresh.partial(p, 10)
print(q())
print(functools.partial(print, "ok")())

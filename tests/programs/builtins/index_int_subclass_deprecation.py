# __index__/__int__ returning a strict int subclass (bool) warns
# (DeprecationWarning) and the result is used as an int; operator.index()
# returns an exact int.
import operator
import warnings


class BadIndex:
    def __index__(self):
        return True


class BadInt:
    def __int__(self):
        return True


class BadIndex2(int):
    def __index__(self):
        return True


print(repr(operator.index(True)), repr(operator.index(BadIndex2(0))))
for make in (lambda: operator.index(BadIndex()), lambda: [10, 20, 30][BadIndex()], lambda: int(BadInt()),
             lambda: range(BadIndex()), lambda: int(BadIndex())):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = make()
    print(repr(r), type(r).__name__, [(x.category.__name__, str(x.message)[:40]) for x in w])
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        operator.index(BadIndex())
    except DeprecationWarning as e:
        print("DeprecationWarning", str(e)[:60])

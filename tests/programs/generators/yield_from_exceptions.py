# Exceptions crossing yield from boundaries.
def sub():
    yield 1
    raise ValueError("from sub")
def delegator():
    try:
        yield from sub()
    except ValueError as e:
        yield "delegator caught " + str(e)
print(list(delegator()))
def sub_stop():
    yield 1
    return "sub value"
def uses_value():
    v = yield from sub_stop()
    yield "got " + v
print(list(uses_value()))
def sub_catches():
    while True:
        try:
            yield "ready"
        except KeyError:
            yield "sub handled KeyError"
def mid():
    yield from sub_catches()
m = mid()
next(m)
print(m.throw(KeyError))
print(next(m))
try:
    m.throw(IndexError("not handled by sub"))
except IndexError as e:
    print("IndexError escaped:", e)
print(next(m, "mid finished"))
def sub_return_on_throw():
    try:
        yield 1
    except ValueError:
        return "returned from except"
def mid_value():
    r = yield from sub_return_on_throw()
    yield r
mv = mid_value()
next(mv)
print(mv.throw(ValueError))
def non_iterable():
    yield from 5
try:
    list(non_iterable())
except TypeError as e:
    print("TypeError:", e)
def sub_no_throw_method():
    yield from iter([1, 2, 3])
s = sub_no_throw_method()
next(s)
try:
    s.throw(RuntimeError("to iterator without throw"))
except RuntimeError as e:
    print("RuntimeError:", e)
print(next(s, "done"))
class WithThrow:
    def __iter__(self): return self
    def __next__(self): return "next"
    def throw(self, *a):
        return "custom throw handled " + a[0].__name__ if isinstance(a[0], type) else "custom throw handled " + type(a[0]).__name__
    def close(self):
        print("custom close")
def deleg():
    yield from WithThrow()
d = deleg()
next(d)
print(d.throw(ZeroDivisionError))
d.close()

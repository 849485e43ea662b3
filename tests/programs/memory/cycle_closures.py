import gc
import weakref
gc.disable()
gc.collect()
class Marker:
    pass
def recursive_inner():
    m = Marker()
    def inner(n):
        m
        return 1 if n == 0 else inner(n - 1)
    inner(3)
    return weakref.ref(m)
r = recursive_inner()
print("recursive inner function keeps its frame data", r() is not None)
print("collect", gc.collect(), r() is None)
def mutual():
    def even(n):
        return True if n == 0 else odd(n - 1)
    def odd(n):
        return False if n == 0 else even(n - 1)
    return even(10)
print(mutual(), "collect", gc.collect())
def cell_holds_itself():
    x = None
    def f():
        return x
    x = f
    return weakref.ref(f)
r = cell_holds_itself()
print("collect", gc.collect(), r() is None)
def lambda_default_cycle():
    holder = []
    holder.append(lambda h=holder: h)
make = lambda_default_cycle()
print("default-argument cycle", gc.collect())
def nonlocal_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return inc
    return inc
inc = nonlocal_counter()
inc()()
del inc
print("nonlocal self reference", gc.collect())
print("nothing left", gc.collect())

# return: implicit None, tuples, early exits, from inside loops/try/with.
def none_implicit(): pass
def none_explicit(): return
def none_value(): return None
print(none_implicit(), none_explicit(), none_value())
def tup(): return 1, 2
def tup_star(): return 0, *[1, 2]
print(tup(), tup_star())
def from_loop(xs):
    for x in xs:
        if x < 0:
            return x
    return "no negatives"
print(from_loop([1, -2, -3]), from_loop([1]))
def from_try():
    try:
        return "try"
    finally:
        print("finally runs")
print(from_try())
def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"
print(finally_overrides())
def from_while():
    n = 0
    while True:
        n += 1
        if n * n > 50:
            return n
print(from_while())
class CM:
    def __enter__(self): return self
    def __exit__(self, *a):
        print("exit", a[0])
def from_with():
    with CM():
        return "with value"
print(from_with())
def returns_function():
    return lambda: "inner"
print(returns_function()())
def returns_self_ref():
    return returns_self_ref
print(returns_self_ref() is returns_self_ref)
def returns_generator():
    return (x for x in "ab")
print(list(returns_generator()))

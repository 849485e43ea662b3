# Scoping rules of comprehensions.
x = "outer"
result = [x for x in range(3)]
print(result, x)
i = "i before"
_ = [i for i in "abc"]
print(i)
items = [1, 2, 3]
def f():
    return [v * k for v in items for k in (1, 10)]
print(f())
class C:
    factor = 10
    values = [1, 2, 3]
    scaled_first = [v for v in values]
    try:
        scaled = [v * factor for v in values]
    except NameError as e:
        error = str(e)
    lam = [(lambda: factor)][0]
print(C.scaled_first, C.error)
try:
    C.lam()
except NameError as e:
    print("NameError:", e)
def g():
    n = 5
    return [n * j for j in range(3)]
print(g())
def closure_over_loop():
    return [lambda: j for j in range(3)]
print([h() for h in closure_over_loop()])
def h():
    y = 1
    squares = [y * t for t in range(3)]
    y = 100
    return squares
print(h())
print([k for k in range(3)], "k" in globals())
def first_iter_evaluated_outside():
    data = [1, 2]
    return [[d for d in data] for data in [data, data + [3]]]
print(first_iter_evaluated_outside())

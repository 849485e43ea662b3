# Exceptions inside comprehensions and generator expressions.
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return None
print([safe_div(10, x) for x in [1, 0, 5]])
try:
    [10 / x for x in [1, 0, 5]]
except ZeroDivisionError as e:
    print("list comp raised:", e)
try:
    {k: 1 / k for k in [2, 0]}
except ZeroDivisionError as e:
    print("dict comp raised:", e)
g = (int(s) for s in ["1", "two", "3"])
print(next(g))
try:
    next(g)
except ValueError as e:
    print("genexp raised:", e)
print(list(g))
try:
    [x for x in 5]
except TypeError as e:
    print("TypeError:", e)
try:
    [y for y in undefined_iterable]
except NameError as e:
    print("NameError:", e)
def filter_errors(items):
    result = []
    for it in items:
        try:
            result.append(int(it))
        except (ValueError, TypeError) as e:
            result.append(type(e).__name__)
    return result
print(filter_errors(["4", None, "x", 7.9, "  8 "]))
try:
    sum(1 / (x - 3) for x in range(5))
except ZeroDivisionError as e:
    print("sum over genexp raised:", e)

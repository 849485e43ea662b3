# Uncaught AssertionError with and without a message.
def check_positive(n):
    assert n > 0, f"expected a positive number, got {n}"
    return n
print(check_positive(5))
try:
    check_positive(-1)
except AssertionError as e:
    print("caught:", e)
values = [3, 2, 1]
assert values == sorted(values), "values are not sorted"

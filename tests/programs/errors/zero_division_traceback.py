# Several caught errors, then an uncaught ZeroDivisionError deep in a call chain.
for a, b in [(1, 0), (1.5, 0.0), (5, 0)]:
    try:
        a % b
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
def average(values):
    return sum(values) / len(values)
def report(groups):
    for name, values in groups.items():
        print(name, average(values))
report({"a": [1, 2, 3], "b": [10]})
report({"c": [4], "empty": []})
print("not reached")

# any() and all(), including short-circuiting.
print(any([]), all([]), any([0, "", None]), all([1, "x", [0]]), any([0, 1]), all([1, 0]), any("abc"), all(""))
print(any(x > 3 for x in range(5)), all(x < 5 for x in range(5)), any({0: 1}), all({1: 0}), any(range(0)), all(range(1, 4)))
def noisy(v):
    print("checked", v)
    return v
print(any(noisy(v) for v in [0, 2, 3]))
print(all(noisy(v) for v in [1, 0, 3]))
for bad in [lambda: any(5), lambda: all(None), lambda: any()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
class Truthy:
    def __bool__(self):
        print("bool called")
        return True
print(any([Truthy(), Truthy()]), all([Truthy()]))

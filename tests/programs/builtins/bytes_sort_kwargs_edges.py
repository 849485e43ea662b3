# bytes() of a str subclass with __bytes__, list.sort whose keys' __del__
# refills the list, and duplicate ** keywords that are not strings.
class A(str):
    def __bytes__(self):
        return b"abc"
print(bytes(A("\u20ac")), bytes(A("\u20ac"), "iso8859-15"))
try:
    bytes("plain")
except TypeError as e:
    print("TypeError:", e)

data = list(range(10))
class SortKiller:
    def __init__(self, x):
        pass
    def __del__(self):
        del data[:]
        data[:] = range(20)
    def __lt__(self, other):
        return id(self) < id(other)
try:
    data.sort(key=SortKiller)
except ValueError as e:
    print("ValueError:", e)
print(len(data))

def f(*a, **k):
    return a, k
for args in [({1: 3}, {1: 5}), ({"x": 3}, {1: 5}), ({1: 3}, {"x": 5}), ({"a": 1}, {"a": 2})]:
    try:
        print(f(**args[0], **args[1]))
    except TypeError as e:
        print("TypeError:", e)
try:
    f(**{1: 2})
except TypeError as e:
    print("TypeError:", e)

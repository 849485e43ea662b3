# BINARY_OP specialized on ints, floats and strs, then fed other types:
# bool and int subclasses, int overflowing the machine word, float
# subclasses with their own __add__, str subclasses, mixed int/float.


class MyInt(int):
    def __add__(self, other):
        return "MyInt.__add__"

    def __sub__(self, other):
        return "MyInt.__sub__"


class MyFloat(float):
    def __mul__(self, other):
        return "MyFloat.__mul__"


class MyStr(str):
    def __add__(self, other):
        return "MyStr.__add__"


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def iadd(a, b):
    a += b
    return a


def warm(f, a, b):
    r = None
    for _ in range(100):
        r = f(a, b)
    return r


print(warm(add, 1, 2), add(True, True), add(MyInt(1), 2), add(2**62, 2**62), add(-(2**63), -1))
print(add(1.5, 2), add(2, 1.5), add("a", "b"), add([1], [2]))
print(warm(sub, 10, 3), sub(MyInt(1), 1), sub(-(2**63), 1), sub(1.0, 0.5))
print(warm(mul, 6, 7), mul(2**40, 2**40), mul(3, "ab"), mul(MyFloat(2.0), 1.0))
print(warm(add, 1.25, 2.5), add(1, 2), add(MyFloat(1.0), 1.0), add(float("inf"), float("-inf")))
print(warm(sub, 1.25, 2.5), sub(1.0, True))
print(warm(mul, 1.5, 2.0), mul(MyFloat(2.0), 3.0), mul(2.0, MyFloat(3.0)), mul(1e308, 10.0))
print(warm(add, "ab", "cd"), add(MyStr("x"), "y"), add("x", MyStr("y")), add("", "z"), add("z", ""))
try:
    add("a", 1)
except TypeError as e:
    print("TypeError:", e)
print(warm(iadd, "ab", "cd"), iadd(1, 2), iadd([1], [2]))


def build():
    s = ""
    for i in range(50):
        s += str(i % 10)
    return s


for _ in range(3):
    print(build())


def counter(n):
    i = 0
    total = 0
    while i < n:
        total = total + i * i - 1
        i = i + 1
    return total


print(counter(300), counter(3), counter(2**20))


def acc(xs):
    t = 0
    for x in xs:
        t = t + x
    return t


print(acc(range(100)), acc([1, 2.5, True, 2**70, -(2**70), MyInt(5)]))

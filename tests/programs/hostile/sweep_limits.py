import sys

# Limits beyond a C int are rejected as CPython does.
try:
    sys.setrecursionlimit(2**31)
except OverflowError as e:
    print("OverflowError", e)
try:
    sys.getsizeof(object(), -1)
    print("getsizeof ok")
except Exception as e:
    print(type(e).__name__, e)


class Huge:
    def __sizeof__(self):
        return 2**70


try:
    sys.getsizeof(Huge())
except OverflowError as e:
    print("OverflowError", e)


class Negative:
    def __sizeof__(self):
        return -1


try:
    sys.getsizeof(Negative())
except ValueError as e:
    print("ValueError", e)
class Index:
    def __index__(self):
        return 3


for result in (1.5, Index()):
    class Odd:
        def __sizeof__(self):
            return result

    try:
        print(sys.getsizeof(Odd()))
    except TypeError as e:
        print("TypeError", e)
m = memoryview(b"abcdef")
print(m[:: 2**62].tolist(), m[::-(2**62)].tolist())
n = 20000
src = "match x:\n case {" + ", ".join(f"{i}: _" for i in range(n)) + "}: pass\n"
compile(src, "s", "exec")
print("20000-key mapping pattern compiled")
try:
    compile("match x:\n case {1: _, 1.0: _}: pass\n", "s", "exec")
except SyntaxError as e:
    print(e)
print("done")

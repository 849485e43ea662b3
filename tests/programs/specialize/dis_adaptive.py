# dis.dis(f, adaptive=True) after warming functions whose specialized forms
# are chosen under the same conditions as CPython's: quickened RESUME and
# backward jumps, superinstructions, LOAD_GLOBAL_MODULE/BUILTIN, BINARY_OP
# on ints/floats/strs, COMPARE_OP fused with its jump, subscripts,
# UNPACK_SEQUENCE, and the adaptive forms a cold or unspecializable site keeps.
import dis
import io

SCALE = 3


def ints(n):
    total = 0
    i = 0
    while i < n:
        total = total + i * SCALE - 1
        i = i + 1
    return total


def floats(x, y):
    a = x * y + 1.5
    b = a - y
    if a < b:
        return a
    return b


def strs(a, b):
    s = a + b
    if s == "xy":
        return s
    return b


def subscripts(lst, tup, d):
    lst[0] = tup[1] + lst[1]
    d["k"] = lst[0]
    return d["k"]


def unpacking(pair, triple, lst):
    a, b = pair
    c, d, e = triple
    f, g = lst
    return a + b + c + d + e + f + g


def builtin_global(x):
    return abs


def cold(x):
    return x + 1


def show(f):
    out = io.StringIO()
    dis.dis(f, adaptive=True, file=out)
    for line in out.getvalue().splitlines():
        # Drop the line-number column and offsets' padding differences.
        print(line[6:].rstrip() if len(line) > 6 else line.rstrip())
    print("-" * 20)


for _ in range(20):
    ints(10)
    floats(2.0, 3.0)
    strs("x", "y")
    subscripts([1, 2], (3, 4), {})
    unpacking((1, 2), (3, 4, 5), [6, 7])
    builtin_global(1)

for f in (ints, floats, strs, subscripts, unpacking, builtin_global, cold):
    show(f)

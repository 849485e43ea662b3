# The superinstructions (LOAD_FAST__LOAD_FAST, STORE_FAST__LOAD_FAST, ...)
# after quickening: unbound locals in either half, jumps into the second
# half, and where the traceback points (CPython reports an error in the
# second half at the first instruction).


def pair(flag):
    a = 1
    if flag:
        b = 2
    return (a +
            b)


def first_unbound(flag):
    if flag:
        a = 1
    b = 2
    return a + b


def store_store(t):
    x, y = t
    z = x
    w = z
    return w + y


def loop(n):
    total = 0
    i = 0
    while i < n:
        j = i
        k = j
        total = total + k
        i = i + 1
    return total


for _ in range(30):
    pair(True)
    first_unbound(True)
    store_store((1, 2))
    loop(5)
print(pair(True), store_store((3, 4)), loop(100))
try:
    first_unbound(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
try:
    pair(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
pair(False)

# COMPARE_OP fused with the jump after it, for ints, floats and strs, fed
# other operands afterwards: big ints, NaN, bool, str subclasses with their
# own __eq__, mixed types, and comparisons that raise.


class LoudStr(str):
    def __eq__(self, other):
        print("LoudStr.__eq__")
        return True

    __hash__ = str.__hash__


class Weird:
    def __lt__(self, other):
        return "truthy"

    def __eq__(self, other):
        raise ValueError("no equality")


def lt(a, b):
    if a < b:
        return "lt"
    return "ge"


def eq(a, b):
    if a == b:
        return "eq"
    return "ne"


def ne_loop(a, b):
    n = 0
    while a != b:
        a += 1
        n += 1
    return n


def warm(f, a, b):
    r = None
    for _ in range(100):
        r = f(a, b)
    return r


print(warm(lt, 1, 2), lt(2, 1), lt(2**70, 1), lt(1, 2**70), lt(True, 2), lt(1.5, 2), lt("a", "b"))
print(lt(Weird(), 1))
print(warm(lt, 1.0, 2.0), lt(float("nan"), 1.0), lt(1.0, float("nan")), lt(1, 2.0), lt(-0.0, 0.0))
print(warm(eq, "a", "a"), eq("a", "b"), eq(LoudStr("x"), "y"), eq("y", LoudStr("x")), eq(1, 1.0))
print(warm(eq, 3, 3), eq(3, 4), eq(2**64, 2**64), eq(float("nan"), float("nan")))
print(warm(eq, 1.5, 1.5), eq(1.5, 2.5), eq(float("nan"), float("nan")))
try:
    eq(Weird(), Weird())
except ValueError as e:
    print("ValueError:", e)
print(ne_loop(0, 50), ne_loop(0.0, 30.0), ne_loop(2**63 - 5, 2**63))
for op in range(3):
    res = []
    for i in range(-3, 4):
        x = i / 2
        res.append((i < 0, i <= 0, i == 0, i != 0, i > 0, i >= 0, x < 0, x <= 0, x > 0, x >= 0, x == 0, x != 0))
    print(sum(sum(r) for r in res))

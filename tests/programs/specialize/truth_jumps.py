# `if n:` / `while n:` on ints: word ints, big ints, negatives, and int
# subclasses whose __bool__ or __len__ must still be called.
class LoudInt(int):
    def __bool__(self):
        print("  __bool__ of", int(self))
        return int(self) % 2 == 0


values = [0, 1, -1, 2**62, -(2**63), 2**63, 2**100, -(2**100), True, False, LoudInt(3), LoudInt(4)]


def truths(xs):
    out = []
    for x in xs:
        if x:
            out.append("T")
        else:
            out.append("F")
    return "".join(out)


for _ in range(3):  # warm up past quickening
    print(truths(values))


def countdown(n):
    steps = 0
    while n:
        n -= 1
        steps += 1
    return steps


print(countdown(10), countdown(0), countdown(2**64 - (2**64 - 5)))
print([x for x in range(-3, 4) if not x])
print(sum(1 for x in [0, 0, 7, -7, 0] if x))


# str, list, tuple and dict: exact ones, and subclasses whose __len__ or
# __bool__ must still be called.
class LoudList(list):
    def __len__(self):
        print("  __len__ of LoudList")
        return 0


class TrueStr(str):
    def __bool__(self):
        print("  __bool__ of TrueStr")
        return True


class EmptyDict(dict):
    def __len__(self):
        print("  __len__ of EmptyDict")
        return 0


containers = ["", "a", "\u20ac", [], [0], (), (None,), {}, {0: 0}, LoudList([1, 2]), TrueStr(""),
              EmptyDict(a=1), frozenset(), {1}, b"", bytearray(b"x"), range(0), range(3)]
for _ in range(3):
    print(truths(containers))

grow = []
while not grow:
    grow.append(1)
print(grow)
d = {"k": 1}
while d:
    d.popitem()
print(d)

# iter(callable, sentinel): a call that exhausts the same iterator
# re-entrantly leaves it exhausted; the sentinel is compared first.
HAS_MORE = 1
NO_MORE = 2


def spam():
    if spam.is_recursive_call:
        return NO_MORE
    spam.is_recursive_call = True
    list(spam.iterator)
    return HAS_MORE


spam.is_recursive_call = False
spam.iterator = iter(spam, NO_MORE)
try:
    print(next(spam.iterator))
except StopIteration:
    print("StopIteration")
print(list(spam.iterator))


class Sentinel:
    def __eq__(self, other):
        print("Sentinel.__eq__", other)
        return other == 3


class Value:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        print("Value.__eq__")
        return NotImplemented

    def __repr__(self):
        return "V%d" % self.v

    def __hash__(self):
        return self.v


counter = iter(range(10))
print(list(iter(lambda: next(counter), Sentinel())))

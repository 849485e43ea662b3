# cycle.__setstate__ wants an int flag; accumulate's reduce when the
# running total is None; map/filter (and itertools) subclasses refuse
# keywords unless they define __init__ or __new__.
import copy
import operator
import pickle
from itertools import accumulate, chain, cycle, filterfalse, islice, starmap

for state in [(list("abc"), 0), (list("abcdefg"), 1), [list("abc"), 0], (tuple("abc"), 0), (list("abc"), "x"),
              (list("abc"), 0.5), (), ([],)]:
    c = cycle("defg")
    try:
        c.__setstate__(state)
        print("".join(islice(c, 12)))
    except TypeError as e:
        print("TypeError", e)

it = accumulate([None, None, None], operator.is_)
print(next(it))
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    print(list(pickle.loads(pickle.dumps(it, proto))), end=" ")
print(list(copy.deepcopy(it)), list(copy.copy(it)), list(it))

cases = [(filter, (None, [0, 1]), [1]), (map, (str, [1, 2]), ["1", "2"]),
         (filterfalse, (None, [0, 1]), [0]), (chain, ([1, 2], [3, 4]), [1, 2, 3]),
         (starmap, (operator.pow, ((2, 3), (3, 2))), [8, 9])]
for cls, args, result in cases:
    class Plain(cls):
        pass

    class WithInit(cls):
        def __init__(self, *args, newarg=None):
            self.newarg = newarg

    class WithNew(cls):
        def __new__(klass, *args, newarg=None):
            self = super().__new__(klass, *args)
            self.newarg = newarg
            return self

    try:
        Plain(*args, newarg=3)
    except TypeError as e:
        print(cls.__name__, "TypeError", e)
    u = WithInit(*args, newarg=3)
    w = WithNew(*args, newarg=4)
    print(cls.__name__, list(islice(u, 3)) == result, u.newarg, list(islice(w, 3)) == result, w.newarg)

# groupby nested in groupby, both pickled: an unpickled _grouper is its
# parent's current grouper.
from itertools import groupby

s = [(0, 10, 20), (0, 11, 21), (0, 12, 21), (1, 13, 21), (1, 14, 22), (2, 15, 22), (3, 16, 23), (3, 17, 23)]


def key0(r):
    return r[0]


def key2(r):
    return r[2]


for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    dup = []
    for k, g in pickle.loads(pickle.dumps(groupby(s, key0), proto)):
        for ik, ig in pickle.loads(pickle.dumps(groupby(g, key2), proto)):
            dup.extend(ig)
    print(proto, dup == s)

# collections.OrderedDict (the native one from _collections, as CPython's
# Objects/odictobject.c): order, move_to_end, popitem, views, iterators that
# notice changes, pickling, repr, ==, | and the dict methods bypassing it.
import collections
import copy
import pickle
import sys
from collections import OrderedDict

print(collections.OrderedDict.__module__, OrderedDict.__mro__)
print(type(OrderedDict().keys()).__name__, type(OrderedDict().keys()).__mro__)
print(type(iter(OrderedDict())).__name__, type(reversed(OrderedDict().items())).__name__)

od = OrderedDict.fromkeys("abcde", 0)
od.move_to_end("a")
od.move_to_end("e", last=False)
od.move_to_end("d")
od.move_to_end("d")
print(list(od), list(reversed(od)), od)
print(list(od.keys()), list(od.values()), list(od.items()))
print(list(reversed(od.keys())), list(reversed(od.items())))
print(od.keys(), od.values(), od.items())
print(od.popitem(), od.popitem(last=False), od.popitem(False), od)
print(od.setdefault("x", 5), od.setdefault("x", 6), od.pop("x"), od.pop("x", "gone"))
for bad in ("zz",):
    for call in (lambda: od.pop(bad), lambda: od.move_to_end(bad), lambda: OrderedDict().popitem(),
                 lambda: OrderedDict().move_to_end(bad)):
        try:
            call()
        except KeyError as e:
            print("KeyError", repr(e))

# Equality: order matters between OrderedDicts only.
a = OrderedDict(x=1, y=2)
b = OrderedDict(y=2, x=1)
print(a == b, a != b, a == dict(b), dict(b) == a, a == a.copy())

# Construction and update errors.
for args in ([1, 2], [[(1,)]], [[(1, 2, 3)]], [[1]]):
    try:
        OrderedDict(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    a.update(1, 2)
except TypeError as e:
    print(e)
print(OrderedDict([("k", 1)], j=2), OrderedDict({"m": 1}.items()))


class Spam:
    def keys(self):
        print("keys called")
        return ["s"]

    def __getitem__(self, k):
        return k * 2


print(OrderedDict(Spam()))

# Changes during iteration.
od = OrderedDict.fromkeys("abcde")
for change in (lambda k: od.move_to_end(k), lambda k: od.__setitem__("new", 1),
               lambda k: od.__delitem__("c"), lambda k: dict.__setitem__(od, "raw", 1)):
    try:
        for k in od:
            change(k)
    except RuntimeError as e:
        print("RuntimeError", e)
print(list(od))
it = iter(od)
next(it)
dict.__setitem__(od, "raw2", 2)
for _ in range(2):
    try:
        next(it)
    except RuntimeError as e:
        print("RuntimeError", e)

# Iterators and views pickle as iter(list of what is left).
od = OrderedDict([("c", 1), ("b", 2), ("a", 3)])
for name in ("keys", "values", "items"):
    it = iter(getattr(od, name)())
    next(it)
    print(name, it.__reduce__()[1], list(pickle.loads(pickle.dumps(it))), list(it))
print(pickle.loads(pickle.dumps(od)), copy.deepcopy(od), copy.copy(od))
od.extra = "state"
print(od.__reduce__()[:4], od.__dict__)

# | and |=
x = OrderedDict(a=1)
print(x | {"b": 2}, {"b": 2} | x, type({"b": 2} | x).__name__)
x |= [("z", 3)]
x |= ""
print(x)
try:
    x | None
except TypeError as e:
    print(e)

# Recursive repr and a subclass.
r = OrderedDict(a=1)
r["self"] = r
print(r)


class Sub(OrderedDict):
    pass


s = Sub(a=1, b=2)
s.move_to_end("a")
print(s, s.copy(), type(s.copy()).__name__, Sub.fromkeys("xy"))

# dict's own methods change the dict, not the order.
d = OrderedDict(spam=1, ham=2)
dict.__delitem__(d, "spam")
try:
    repr(d)
except KeyError as e:
    print("KeyError", e)
try:
    list(d)
except KeyError as e:
    print("KeyError", e)
d = OrderedDict()
dict.__setitem__(d, "raw", 1)
print(repr(d), len(d), list(d))
print(sys.getsizeof(OrderedDict(a=1)) > sys.getsizeof({"a": 1}))

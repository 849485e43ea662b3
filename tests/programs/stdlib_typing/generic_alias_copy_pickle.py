# Starred aliases survive copy and pickle (as next(iter(alias))); dir()
# of an alias lists the origin's names and its own; a class with
# __class_getitem__ = None is not subscriptable; complex subclasses'
# __complex__ is used; UnionType.__module__.
import copy
import pickle
from typing import TypeVar

T = TypeVar("T")
for alias in (tuple[*tuple[int, ...]], tuple[str, *tuple[T, ...]], list[int], dict[str, T]):
    c = copy.copy(alias)
    p = pickle.loads(pickle.dumps(alias))
    print(alias, c == alias, p == alias, c.__args__ == alias.__args__)
it = iter(list[int])
print(pickle.loads(pickle.dumps(it)).__class__.__name__, next(it), list(it))
d = dir(list[int])
print("append" in d, "__origin__" in d, "__parameters__" in d)
print((int | str).__module__)


class C_is_none(tuple):
    __class_getitem__ = None


try:
    C_is_none[int]
except TypeError as e:
    print("TypeError:", e)


class complex0(complex):
    def __complex__(self):
        return 42j


print(complex(complex0(1j)))
c = 1 + 2j
print(complex(c) is c)

# types.GenericAlias: __parameters__, substitution, starred unpacking,
# and attributes forwarded to the origin.
from typing import TypeVar, TypeVarTuple, Unpack, Callable, Dict
import collections.abc

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
Ts = TypeVarTuple("Ts")

a = dict[K, list[V]]
print(a.__parameters__)
print(a[str, int])
print(list[T][int], list[int].__parameters__)
print(tuple[T, ...][str])
print(dict[str, T][list[K]][int])
try:
    list[int][str]
except TypeError as e:
    print("TypeError:", e)
try:
    dict[K, V][int]
except TypeError as e:
    print("TypeError:", e)

s = [*tuple[int, str]]
print(s, s[0].__unpacked__, list[int].__unpacked__)
print(s[0].__typing_unpacked_tuple_args__, tuple[int].__typing_unpacked_tuple_args__)
print(tuple[*Ts][int, str])
print(tuple[T, *Ts][int, str, bytes])
print(list[int].__module__, list[int].__name__, list[int].__qualname__)
print(list[int] == list[int], s[0] == tuple[int, str])

c = collections.abc.Callable[[T], V]
print(c.__parameters__)
print(c[int, str])
u = int | list[T]
print(u.__parameters__, u[str])
print(Dict[K, list[V]][str, int])
print(Callable[[list[T]], T][int])

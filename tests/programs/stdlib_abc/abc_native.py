import abc
import _abc
import gc
from collections.abc import Sequence, Mapping, Iterable, Sized, Hashable

print(abc.ABCMeta.__module__, type(abc.ABC._abc_impl).__name__, type(abc.ABC._abc_impl).__module__)
print(sorted(n for n in dir(_abc) if not n.startswith("__")))


class Base(abc.ABC):
    @abc.abstractmethod
    def f(self): ...

    @property
    @abc.abstractmethod
    def p(self): ...

    def g(self):
        return 1


print(sorted(Base.__abstractmethods__))
try:
    Base()
except TypeError as e:
    print("TypeError:", e)


class Half(Base):
    def f(self):
        return 2


print(sorted(Half.__abstractmethods__))


class Full(Half):
    p = 3


print(sorted(Full.__abstractmethods__), Full().f(), Full().p)


class Virtual:
    pass


print(Base.register(Virtual) is Virtual)
print(issubclass(Virtual, Base), isinstance(Virtual(), Base))
print(issubclass(int, Base), isinstance(3, Base))
tok = abc.get_cache_token()
Base.register(int)
print(abc.get_cache_token() == tok + 1, issubclass(int, Base), issubclass(bool, Base))
print(Base.register(Full) is Full)
try:
    Full.register(Base)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    Base.register(3)
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(3, Base)
except TypeError as e:
    print("TypeError:", e)

reg, cache, neg, ver = _abc._get_dump(Base)
print(sorted(r().__name__ for r in reg), sorted(r().__name__ for r in cache), ver == abc.get_cache_token())
_abc._reset_caches(Base)
print([len(x) for x in _abc._get_dump(Base)[:3]])
_abc._reset_registry(Base)
print(issubclass(Virtual, Base))


class Hook(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Hook:
            return hasattr(C, "quack") or NotImplemented
        return NotImplemented


class Duck:
    def quack(self):
        pass


print(issubclass(Duck, Hook), isinstance(Duck(), Hook), issubclass(int, Hook))


class Bad(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        return 1


try:
    issubclass(int, Bad)
except AssertionError as e:
    print("AssertionError:", e)

print(issubclass(list, Sequence), issubclass(dict, Mapping), issubclass(set, Sequence))
print(issubclass(str, Iterable), issubclass(type(None), Sized), issubclass(list, Hashable))


class MySeq(Sequence):
    def __getitem__(self, i):
        return (10, 20)[i]

    def __len__(self):
        return 2


class MyMap(Mapping):
    def __getitem__(self, k):
        return {"a": 1}[k]

    def __iter__(self):
        return iter(["a"])

    def __len__(self):
        return 1


def shape(x):
    match x:
        case {"a": v}:
            return f"map {v}"
        case [a, b]:
            return f"seq {a} {b}"
        case _:
            return "other"


print(shape(MySeq()), shape(MyMap()), shape(object()))


class Plain:
    def __getitem__(self, i):
        return (1, 2)[i]

    def __len__(self):
        return 2


print(shape(Plain()))
Sequence.register(Plain)
print(shape(Plain()))


try:
    class Both(abc.ABC):
        __abc_tpflags__ = 1 << 5 | 1 << 6
except TypeError as e:
    print("TypeError:", e)


class Sub(abc.ABC):
    __abc_tpflags__ = 1 << 6


print("__abc_tpflags__" in Sub.__dict__)


class Wrong:
    _abc_impl = 5


try:
    _abc._get_dump(Wrong)
except TypeError as e:
    print("TypeError:", e)
try:
    _abc._abc_init()
except TypeError as e:
    print("TypeError:", e)


def make():
    class Temp(Base):
        pass

    return Temp


for _ in range(3):
    T = make()
    print(issubclass(T, Base), issubclass(T, Hook))
    del T
gc.collect()
print(len(_abc._get_dump(Base)[1]) <= 1)


class M(abc.ABCMeta):
    pass


class WithMeta(metaclass=M):
    @abc.abstractmethod
    def h(self): ...


print(WithMeta.__abstractmethods__, abc.update_abstractmethods(WithMeta) is WithMeta)

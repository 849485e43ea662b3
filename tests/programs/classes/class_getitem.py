# __class_getitem__ and builtin generic aliases.
class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"
print(Box[int], Box["x"], Box[int, str])
class Typed:
    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        return type(f"{cls.__name__}Of{len(params)}", (cls,), {"params": params})
T = Typed[int, str]
print(T.__name__, T.params == (int, str), issubclass(T, Typed))
print(list[int], dict[str, list[int]], tuple[int, ...], type[int])
print(repr(list[int]), list[int] == list[int], list[int] != list[str])
alias = list[int]
print(alias.__origin__, alias.__args__, alias() == [], alias("ab"))
print(type(list[int]).__name__)
try:
    int[str]
except TypeError as e:
    print("TypeError:", e)
class WithGetitem:
    def __getitem__(self, k): return "instance " + str(k)
print(WithGetitem()[1])
try:
    WithGetitem[1]
except TypeError as e:
    print("TypeError:", e)
print(isinstance([], list), set[int], frozenset[str])

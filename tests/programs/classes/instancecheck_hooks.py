# __instancecheck__ / __subclasscheck__ on metaclasses; isinstance with tuples.
class DuckMeta(type):
    def __instancecheck__(cls, obj):
        print("instancecheck", type(obj).__name__)
        return hasattr(obj, "quack")
    def __subclasscheck__(cls, sub):
        print("subclasscheck", sub.__name__)
        return hasattr(sub, "quack")
class Duck(metaclass=DuckMeta):
    pass
class Mallard:
    def quack(self): return "quack"
class Stone:
    pass
print(isinstance(Mallard(), Duck), isinstance(Stone(), Duck))
print(issubclass(Mallard, Duck), issubclass(Stone, Duck))
print(isinstance(Mallard(), (int, Duck)))
print(isinstance(1, (str, (list, int))), isinstance("s", ()), issubclass(bool, (str, int)))
try:
    isinstance(1, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(1, int)
except TypeError as e:
    print("TypeError:", e)
try:
    isinstance(1, [int])
except TypeError as e:
    print("TypeError:", e)
print(isinstance(True, int), isinstance(1, bool), issubclass(bool, object), issubclass(type, object))
print(isinstance(int, type), isinstance(type, type), isinstance(object, type), issubclass(int, int))
print(isinstance(None, type(None)), isinstance(print, object), isinstance(list[int], type))
print(isinstance([], list | tuple), isinstance(5, int | None), issubclass(bool, int | str))
print(int | str, int | None)

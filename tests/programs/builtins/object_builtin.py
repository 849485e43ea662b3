# object() and the behaviour of bare object instances.
o = object()
p = object()
print(type(o).__name__, o == o, o == p, o != p, o is not p, bool(o), hash(o) == hash(o), isinstance(o, object))
print(str(o).startswith("<object object at 0x"), repr(o) == str(o), format(o, "") == str(o))
for bad in [lambda: setattr(o, "x", 1), lambda: o.x, lambda: object(1), lambda: o < p, lambda: len(o), lambda: o()]:
    try:
        bad()
    except (AttributeError, TypeError) as e:
        print(type(e).__name__ + ":", e)
sentinel = object()
def find(seq, target, default=sentinel):
    for x in seq:
        if x == target:
            return x
    if default is sentinel:
        return "no default given"
    return default
print(find([1, 2], 3), find([1, 2], 3, None), find([1, 2], 2))
print(object.__bases__, object.__mro__, type(object).__name__, object.__class__ is type, issubclass(object, object))
print(hasattr(o, "__dict__"), hasattr(o, "__class__"), o.__class__ is object, o.__eq__(o), o.__eq__(p), o.__ne__(p))

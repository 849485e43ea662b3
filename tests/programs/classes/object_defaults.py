# Default behaviour inherited from object.
class Plain: pass
a, b = Plain(), Plain()
print(a == a, a == b, a != b, a != a)
print(a.__eq__(b), a.__eq__(a), a.__ne__(b), a.__lt__(b))
print(str(a) == repr(a), format(a, "") == str(a))
print(a.__class__ is Plain, type(a.__hash__()).__name__)
print(Plain.__init__ is object.__init__, Plain.__new__ is object.__new__)
print(object.__name__, object.__doc__[:20])
print(sorted(set(dir(a)) - set(dir(object))))
o = object()
try:
    o.x = 1
except AttributeError as e:
    print("AttributeError:", e)
print(object() != object(), isinstance(o, object), hash(o) == hash(o))
print(Plain.__subclasshook__(int), Plain.__init_subclass__() is None)
print(type(Plain.__dict__['__dict__']).__name__, Plain.__dict__['__module__'])
print(NotImplemented.__class__.__name__, type(None).__name__, type(...).__name__)
print(object.__str__(5), object.__repr__(5) == repr(5))
try:
    format(a, "x")
except TypeError as e:
    print("TypeError:", e)

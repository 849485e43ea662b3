# A class's __name__ and __qualname__ are the same objects on every access,
# so inspect.classify_class_attrs finds them on an Enum class.
import enum
import inspect


class Color(enum.Enum):
    CYAN = 1
    MAGENTA = 2


class Outer:
    class Inner:
        pass


print(Color.__name__ is Color.__name__, Color.__qualname__ is Color.__qualname__, int.__name__ is int.__name__)
print(Outer.Inner.__qualname__, Outer.Inner.__qualname__ is Outer.Inner.__qualname__)
attrs = sorted((a.name, a.kind, a.defining_class.__name__) for a in inspect.classify_class_attrs(Color)
               if not a.name.startswith("_") or a.name in ("__name__", "__qualname__", "__members__"))
print(attrs)

# __doc__ and __text_signature__ of builtins as CPython 3.11's: builtin
# functions, builtin types, their methods, class methods, static methods,
# slot wrappers (bound and unbound), getsets and members, sys's functions,
# and the modules' docstrings. (inspect does not import yet, so the text
# signatures are read directly.) (Not yet here: __reduce__ of enumerate, map
# and filter, which Taipan does not define, so object's answers.)
import sys
import builtins

types_ = [int, float, complex, bool, str, bytes, bytearray, list, tuple, dict, set, frozenset,
          range, slice, type(None), object, type, memoryview, BaseException, Exception, OSError,
          SyntaxError, StopIteration, KeyError, UnicodeDecodeError, ExceptionGroup, enumerate, map, filter,
          property, staticmethod, classmethod, super, type(lambda: 0), type(len), type([].append),
          type({}.keys()), type({}.values()), type({}.items()), type(iter([]))]


def show(label, obj):
    doc = getattr(obj, "__doc__", None)
    sig = getattr(obj, "__text_signature__", "<none>")
    print(label, repr(doc), repr(sig))


for t in types_:
    show(t.__name__, t)
    for name in sorted(dir(t)):
        try:
            value = getattr(t, name)
        except AttributeError:
            continue
        if name == "__reduce__" and t in (enumerate, map, filter):
            continue
        if type(value).__name__ in ("method_descriptor", "classmethod_descriptor", "wrapper_descriptor",
                                    "getset_descriptor", "member_descriptor", "builtin_function_or_method"):
            show(t.__name__ + "." + name, value)
for name in sorted(dir(builtins)):
    value = getattr(builtins, name)
    if type(value).__name__ == "builtin_function_or_method":
        show("builtins." + name, value)
for name in sorted(n for n in dir(sys) if not n.startswith("_")):
    value = getattr(sys, name)
    if type(value).__name__ == "builtin_function_or_method":
        show("sys." + name, value)
print(repr(builtins.__doc__))
print(repr(sys.__doc__))
# Bound methods and method-wrappers answer as their descriptors.
show("[].append", [].append)
show("(1).__add__", (1).__add__)
show("'a'.join", "a".join)
show("dict.fromkeys", dict.fromkeys)
show("str.maketrans", str.maketrans)
show("int.from_bytes", int.from_bytes)
show("object().__init__", object().__init__)
print(str.maketrans.__self__, str.maketrans.__qualname__, repr(str.maketrans)[:36])
# Classes of our own keep their own docstrings.
class C:
    "C's doc"
    __slots__ = ("a",)
    def m(self):
        "m's doc"
show("C", C)
show("C.a", C.a)
show("C.m", C.m)
show("C().m", C().m)
print(C.__init__.__doc__ == object.__init__.__doc__, C.__text_signature__)

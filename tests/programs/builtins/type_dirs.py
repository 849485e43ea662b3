# The attribute sets of the builtin types, of builtins and of sys, as CPython 3.11's.
# (Not yet here: __setstate__ of zip,
# reversed and range_iterator, reversed.__length_hint__, generator.__del__.)
import sys
import builtins

types_ = [int, float, complex, bool, str, bytes, bytearray, list, tuple, dict, set, frozenset,
          range, slice, type(None), object, type, memoryview, BaseException, Exception, OSError,
          SyntaxError, StopIteration, KeyError, UnicodeDecodeError, ExceptionGroup, enumerate, map, filter,
          property, staticmethod, classmethod, super, type(lambda: 0), type(len), type([].append),
          type({}.keys()), type({}.values()), type({}.items()), type(iter([]))]
for t in types_:
    print(t.__name__, sorted(set(dir(t))))
print(sorted(n for n in dir(builtins) if not n.startswith('_')))
print(sorted(n for n in dir(sys) if not n.startswith('_')))

# Introspection of builtin functions and methods (names only, no addresses).
for f in (len, print, abs, sorted, isinstance, getattr, iter, next, max, sum):
    print(f.__name__, f.__qualname__, f.__module__, type(f).__name__, callable(f))
m = [].append
print(m.__name__, m.__qualname__, type(m).__name__, m.__self__)
print(str.upper.__name__, str.upper.__qualname__, type(str.upper).__name__, type("".upper).__name__)
print(dict.fromkeys.__name__, type(dict.__dict__["fromkeys"]).__name__, int.from_bytes.__self__ is int)
print(repr(len), repr(str.join), type(int.__add__).__name__, type((1).__add__).__name__)
print(object.__init__.__name__, type(object.__init__).__name__, type(object().__init__).__name__)
import sys
print(len.__self__ is sys.modules["builtins"], print.__self__.__name__)

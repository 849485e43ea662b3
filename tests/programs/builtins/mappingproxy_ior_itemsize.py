# mappingproxy refuses |= (it is read-only) and lists __ior__; the
# variable-size builtins report CPython's __itemsize__.
import types

m = types.MappingProxyType({"a": 1})
try:
    m |= {"b": 2}
except TypeError as e:
    print("TypeError", e)
print(m | {"b": 2}, "__ior__" in dir(m))
print(sorted(set(dir(m)) - set(dir(object()))))


class T(tuple):
    pass


print([t.__itemsize__ for t in (tuple, T, int, bool, bytes, type, memoryview, str, list, dict, object, float)])
print(object.__basicsize__ > 0)

# types.UnionType and types.GenericAlias carry CPython's docstrings (pydoc shows them).
import types

print(repr(types.UnionType.__doc__))
print(repr((int | str).__doc__))
print(repr(types.GenericAlias.__doc__))
print(type(int | None).__name__, (int | None).__module__)

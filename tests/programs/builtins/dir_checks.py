# Specific dir() membership checks on builtin types (never the full listing).
checks = {
    list: ["append", "sort", "__len__", "__iter__", "__getitem__", "__class_getitem__"],
    dict: ["keys", "fromkeys", "__or__", "__ior__", "__reversed__", "has_key"],
    str: ["removeprefix", "isascii", "format_map", "decode", "__mod__", "__rmod__"],
    int: ["bit_count", "to_bytes", "__index__", "__round__", "is_integer", "__trunc__"],
    float: ["is_integer", "hex", "fromhex", "__trunc__", "__floor__", "bit_length"],
    bytes: ["hex", "decode", "fromhex", "encode", "isascii", "__bytes__"],
    set: ["add", "discard", "__ior__", "__hash__", "isdisjoint", "append"],
    tuple: ["count", "index", "__add__", "append", "__class_getitem__"],
    object: ["__init__", "__repr__", "__init_subclass__", "__subclasshook__", "__dict__"],
    type: ["mro", "__subclasses__", "__prepare__", "__instancecheck__", "__call__"],
}
for t, names in checks.items():
    print(t.__name__, [(n, n in dir(t)) for n in names])
print(dir([]) == dir(list), all(isinstance(n, str) for n in dir(int)), dir(int) == sorted(dir(int)))
print(len(set(dir(bool)) - set(dir(int))), sorted(set(dir(bool)) - set(dir(int))))

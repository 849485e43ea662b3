# Recursion over nested data structures.
def deep_sum(x):
    if isinstance(x, (int, float)):
        return x
    if isinstance(x, dict):
        return sum(deep_sum(v) for v in x.values())
    return sum(deep_sum(v) for v in x)
data = {'a': [1, 2, {'b': 3, 'c': (4, 5)}], 'd': 6.5, 'e': []}
print(deep_sum(data))
def deep_copy(x):
    if isinstance(x, list):
        return [deep_copy(v) for v in x]
    if isinstance(x, dict):
        return {k: deep_copy(v) for k, v in x.items()}
    if isinstance(x, tuple):
        return tuple(deep_copy(v) for v in x)
    return x
c = deep_copy(data)
print(c == data, c is data, c['a'] is data['a'], c['a'][2] is data['a'][2])
def depth(x):
    if isinstance(x, (list, tuple)):
        return 1 + max((depth(v) for v in x), default=0)
    return 0
print(depth([]), depth([[[]]]), depth([1, [2, [3, [4]]]]), depth(5))
def paths(tree, prefix=()):
    if not isinstance(tree, dict):
        yield prefix, tree
        return
    for k, v in tree.items():
        yield from paths(v, prefix + (k,))
cfg = {'db': {'host': 'h', 'port': 5432}, 'debug': True, 'log': {'level': {'root': 'INFO'}}}
for p, v in paths(cfg):
    print(".".join(p), "=", v)
def render(x, indent=0):
    pad = "  " * indent
    if isinstance(x, dict):
        for k, v in x.items():
            if isinstance(v, dict):
                print(pad + str(k) + ":")
                render(v, indent + 1)
            else:
                print(pad + str(k) + ": " + repr(v))
render(cfg)

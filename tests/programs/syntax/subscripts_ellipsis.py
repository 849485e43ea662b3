# Subscripts with tuples, Ellipsis, and custom __getitem__.
print(..., Ellipsis, ... is Ellipsis, type(...).__name__)
print(repr(...), str(...), bool(...))
class Grid:
    def __init__(self):
        self.data = {}
    def __getitem__(self, key):
        print("get", repr(key))
        return self.data.get(repr(key), 0)
    def __setitem__(self, key, value):
        print("set", repr(key), value)
        self.data[repr(key)] = value
    def __delitem__(self, key):
        print("del", repr(key))
        del self.data[repr(key)]
g = Grid()
g[1, 2] = 'a'
g[1, 2]
g[(1, 2)]
g[...]
g[1:2, ::3]
g[:]
g[-1]
g['x'] = 3
g['x'] += 1
del g[1, 2]
print(sorted(g.data.items()))
def body():
    ...
print(body())
m = {(0, 0): 'origin'}
print(m[0, 0])
print([[1, 2], [3, 4]][1][0], "abc"[1][0], {'a': [10]}['a'][0])

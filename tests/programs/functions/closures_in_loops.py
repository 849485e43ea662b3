# Closures created in loops and comprehensions; the classic pitfalls.
callbacks = {}
for name in ["alpha", "beta", "gamma"]:
    callbacks[name] = lambda: name
print({k: f() for k, f in callbacks.items()})
callbacks = {}
for name in ["alpha", "beta", "gamma"]:
    callbacks[name] = (lambda n: lambda: n)(name)
print({k: f() for k, f in callbacks.items()})
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs = [(lambda j: lambda: j)(i) for i in range(3)]
print([f() for f in funcs])
gens = [(x for _ in range(1)) for x in range(3)]
print([list(g) for g in gens])
def make():
    result = []
    i = 0
    while i < 3:
        def f(): return i
        result.append(f)
        i += 1
    return result
print([f() for f in make()])
def cell_update():
    fs = []
    x = 'first'
    fs.append(lambda: x)
    x = 'second'
    fs.append(lambda: x)
    return [f() for f in fs]
print(cell_update())

# locals() and globals().
x = 10
g = globals()
print(g["x"], "x" in g, g is globals(), g["__name__"], type(g).__name__)
g["created_dynamically"] = "hello"
print(created_dynamically)
def f(a, b=2):
    c = a + b
    loc = locals()
    return sorted(loc.items())
print(f(1))
def snapshot():
    v = 1
    first = locals()
    v = 2
    second = locals()
    return first["v"], second["v"], first is second
print(snapshot())
def modify_locals():
    y = 1
    locals()["y"] = 100
    return y
print(modify_locals())
class K:
    a = 1
    ns = sorted(k for k in locals() if not k.startswith("__"))
print(K.ns)
def closure():
    outer = "o"
    def inner():
        return sorted(locals())
    def inner2():
        return outer, sorted(locals())
    return inner(), inner2()
print(closure())
print(locals() is globals(), sorted(k for k in globals() if not k.startswith("__"))[:6])
def uses_global():
    return globals()["x"]
x = 99
print(uses_global())

# Scoping subtleties of exec/eval: closures, class bodies, separate globals/locals.
def outer():
    captured = "captured value"
    return eval("lambda: captured", {"captured": "from globals dict"})()
print(outer())
g = {}
l = {}
exec("x = 1\ndef f():\n    return x\ny = f() if 'x' in globals() else 'x not global'", g, l)
print(sorted(l), l["y"], "x" in g)
g2 = {}
exec("x = 1\ndef f():\n    return x\ny = f()", g2)
print(g2["y"])
src = """
class Counter:
    total = 0
    def add(self, n):
        Counter.total += n
        return Counter.total
c = Counter()
c.add(2)
result = c.add(3)
"""
ns = {}
exec(src, ns)
print(ns["result"], ns["Counter"].total)
print(eval("[i for i in range(n)]", {"n": 3}))
try:
    eval("[i * k for i in range(2)]", {}, {"k": 10})
except NameError as e:
    print("NameError:", e)
print(eval("k * 2", {}, {"k": 10}))
def make():
    local_ns = {"a": 1}
    exec("b = a + 1", {}, local_ns)
    return local_ns
print(make())
code = "total = 0\nfor i in range(5):\n    total += i\n"
ns = {}
exec(code, ns)
print(ns["total"], ns["i"])
exec("import sys as _sys_alias", ns)
print(ns["_sys_alias"].__name__)

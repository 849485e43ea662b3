# exec() with various namespaces.
exec("print('hello from exec')")
ns = {}
exec("a = 1\nb = a + 1\ndef f(x):\n    return x * b\n", ns)
print(ns["a"], ns["b"], ns["f"](10), "__builtins__" in ns)
glb = {"value": 5}
loc = {}
exec("result = value * 2\nvalue2 = value", glb, loc)
print(loc, "result" in glb)
exec("x_global = 'set at module level'")
print(x_global)
def in_function():
    exec("y = 5")
    return "y" in locals(), locals().get("y")
print(in_function())
print(exec("1 + 1"))
code = compile("z = 3 * 3", "<string>", "exec")
exec(code, ns)
print(ns["z"])
exec("class C:\n    attr = 'class made by exec'\n", ns)
print(ns["C"].attr, ns["C"].__module__ if "__name__" in ns else "no __name__ in ns")
restricted = {"__builtins__": {"len": len}}
exec("n = len('abc')", restricted)
print(restricted["n"])
try:
    exec("print('x')", {"__builtins__": {}})
except NameError as e:
    print("NameError:", e)
for bad in ["1 +", "def f(:\n pass", "x = (1,"]:
    try:
        exec(bad)
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)
try:
    exec("raise ValueError('inside exec')")
except ValueError as e:
    print("ValueError:", e)
try:
    exec(5)
except TypeError as e:
    print("TypeError:", e)
exec(b"print('bytes source')")

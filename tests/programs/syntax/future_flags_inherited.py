# exec(), eval() and compile() (unless dont_inherit) compile with the
# `from __future__` features of the code that calls them; compile()'s flags
# argument adds its own.
CO_FUTURE_ANNOTATIONS = 0x1000000

outer = compile(
    "from __future__ import annotations\n"
    "ns = {}\n"
    "exec('def f(a: undefined_name) -> int: pass', ns)\n"
    "r = [ns['f'].__annotations__]\n"
    "c = compile('def g(b: str): pass', 's', 'exec')\n"
    "r.append(hex(c.co_flags))\n"
    "c = compile('def g(b: str): pass', 's', 'exec', dont_inherit=True)\n"
    "r.append(hex(c.co_flags))\n"
    "exec(c, ns)\n"
    "r.append(ns['g'].__annotations__)\n"
    "r.append(eval('(lambda: 1).__code__.co_flags') & CO_FUTURE_ANNOTATIONS != 0)\n",
    "outer",
    "exec",
)
ns = {"CO_FUTURE_ANNOTATIONS": CO_FUTURE_ANNOTATIONS}
exec(outer, ns)
print(ns["r"])
ns = {}
exec("def h(a: int): pass", ns)
print(ns["h"].__annotations__)
try:
    exec("def k(a: undefined_name): pass", {})
except NameError as e:
    print("NameError", e)

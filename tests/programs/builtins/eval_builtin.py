# eval() of expressions with namespaces.
print(eval("1 + 2 * 3"), eval("'abc'.upper()"), eval("[x * x for x in range(4)]"), eval("  42  "), eval("(1,\n2)"))
x = 10
print(eval("x + 1"), eval("x * y", {"x": 2, "y": 3}), eval("x + z", {"x": 1}, {"z": 100}))
def f():
    local_var = "local"
    return eval("local_var + '!'")
print(f())
print(eval("len('abc')", {}), eval("abs(-1)", {"__builtins__": {"abs": abs}}))
try:
    eval("len('abc')", {"__builtins__": {}})
except NameError as e:
    print("NameError:", e)
for bad in ["x = 1", "import sys", "1 +", "def f(): pass", ""]:
    try:
        eval(bad)
    except SyntaxError as e:
        print("SyntaxError:", repr(bad), e.msg)
try:
    eval("undefined_name")
except NameError as e:
    print("NameError:", e)
try:
    eval("1 / 0")
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(eval(compile("2 ** 10", "<expr>", "eval")), eval("lambda q: q + 1")(1), eval("(yield_ := 5)"))
print(eval(b"3 + 4"), eval("'\u00e9'"), type(eval("{}")).__name__, eval("..."), eval("None"))
ns = {}
print(eval("(w := 7) * 2", ns), ns.get("w"))
try:
    eval(42)
except TypeError as e:
    print("TypeError:", e)

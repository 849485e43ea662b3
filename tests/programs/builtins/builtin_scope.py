# Builtins live in a separate namespace that globals and locals can shadow.
import sys
print(len("abc"), type(__builtins__).__name__, __import__("sys") is sys)
len = lambda x: "shadowed len"
print(len("abc"))
del len
print(len("abc"))
def uses_shadow():
    print = lambda *a: sys.stdout.write("local print: " + " ".join(map(str, a)) + "\n")
    print("hello", 1)
uses_shadow()
print("builtin print still works")
builtins_module = sys.modules["builtins"]
print(builtins_module.len is __builtins__.len if hasattr(__builtins__, "len") else "dict builtins")
print(builtins_module.__name__, "len" in dir(builtins_module), "print" in vars(builtins_module))
original_abs = builtins_module.abs
builtins_module.abs = lambda x: "patched abs"
print(abs(-1))
builtins_module.abs = original_abs
print(abs(-1))
builtins_module.my_new_builtin = lambda: "injected builtin"
print(my_new_builtin())
del builtins_module.my_new_builtin
try:
    my_new_builtin()
except NameError as e:
    print("NameError:", e)
print(True, None, ..., NotImplemented, __name__, __debug__)
try:
    exec("True = 1")
except SyntaxError as e:
    print("SyntaxError:", e.msg)

# An imported module's __builtins__ is the builtins module's dict (exec
# inserts the running frame's builtins); __main__'s is the module.
import sys
import json
import builtins

print(type(json.__builtins__).__name__, json.__builtins__ is builtins.__dict__)
print(type(sys.modules["__main__"].__builtins__).__name__)
g = {}
exec("x = 1", g)
print(type(g["__builtins__"]).__name__, g["__builtins__"] is builtins.__dict__)
g2 = {"__builtins__": {"len": lambda o: 42}}
exec("y = len('ab')", g2)
print(g2["y"])
g3 = {}
print(eval("len('abc')", g3), type(g3["__builtins__"]).__name__)

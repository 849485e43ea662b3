# A module that replaces itself in sys.modules with a non-module object
# (a common idiom), then `from mod import name` and `import mod`.
import sys
path = "/tmp/taipan_hostile_sys_modules_non_module"
with open(path + "_mod.py", "w") as f:
    f.write("import sys\nclass Obj:\n    foo = 42\nsys.modules[__name__] = Obj()\n")
sys.path.insert(0, "/tmp")
from taipan_hostile_sys_modules_non_module_mod import foo
print(foo)
import taipan_hostile_sys_modules_non_module_mod as m
print(type(m).__name__, m.foo)
sys.modules["__main__"] = 5

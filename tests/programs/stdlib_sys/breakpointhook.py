# breakpoint() calls sys.breakpointhook, whose default follows
# $PYTHONBREAKPOINT (pdb.set_trace by default, "0" disables it, an
# unimportable name warns).
import os
import sys
import types
import warnings

print(sys.__breakpointhook__ is sys.breakpointhook)
calls = []


def hook(*args, **kwargs):
    calls.append((args, kwargs))
    return "hooked"


sys.breakpointhook = hook
print(breakpoint(1, 2, x=3), calls)
sys.breakpointhook = sys.__breakpointhook__

fake_pdb = types.ModuleType("pdb")
fake_pdb.set_trace = lambda *a, **k: print("set_trace", a, k)
sys.modules["pdb"] = fake_pdb
os.environ.pop("PYTHONBREAKPOINT", None)
breakpoint()
os.environ["PYTHONBREAKPOINT"] = ""
breakpoint("a")
os.environ["PYTHONBREAKPOINT"] = "0"
print(breakpoint())
os.environ["PYTHONBREAKPOINT"] = "builtins.print"
breakpoint("printed", sep="-")
os.environ["PYTHONBREAKPOINT"] = "print"
breakpoint("builtin", "name")
for bad in [".", "..", ".foo", "foo.", ".int", "int.", "nosuchbuiltin", "nosuchmodule.nosuchcallable", "os.nosuchattr"]:
    os.environ["PYTHONBREAKPOINT"] = bad
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = breakpoint()
    print(repr(bad), r, [(x.category.__name__, str(x.message)) for x in w])
del sys.breakpointhook
try:
    breakpoint()
except RuntimeError as e:
    print("RuntimeError", e)
sys.breakpointhook = None
try:
    breakpoint()
except TypeError as e:
    print("TypeError", e)

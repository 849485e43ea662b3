import sys
class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name, flush=True)
mod = type(sys)("fake_module")
mod.obj = D("module attribute")
mod.other = D("second module attribute")
sys.modules["fake_module"] = mod
del mod
class UsesGlobals:
    def __del__(self):
        # globals may already be None at teardown in CPython; only print
        print("UsesGlobals __del__ runs", flush=True)
u = UsesGlobals()
z_last = D("z_last")
_under = D("_under")
print("main done", flush=True)

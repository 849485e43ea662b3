# Replacing a trace or profile function releases the old one at once: if its
# __del__ installs another function of the same kind, that is a RuntimeError
# (reported as unraisable) and the function being installed stays.
import sys

def hook(u):
    print("unraisable:", u.exc_type.__name__, u.exc_value, u.object.__qualname__)
sys.unraisablehook = hook

def foo(*args):
    pass

def bar(*args):
    pass

for setter, getter in ((sys.settrace, sys.gettrace), (sys.setprofile, sys.getprofile)):
    class A:
        def __call__(self, *args):
            pass
        def __del__(self):
            setter(bar)
    setter(A())
    setter(foo)
    current = getter()
    setter(None)
    print(setter.__name__, current is foo)

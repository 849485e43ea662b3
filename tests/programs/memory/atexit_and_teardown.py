import atexit
class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)
def goodbye(who, punct="!"):
    print("goodbye", who + punct)
def first():
    print("registered first, runs last")
atexit.register(first)
atexit.register(goodbye, "world", punct="?")
class Failing:
    def __call__(self):
        raise ValueError("boom in atexit")
    def __repr__(self):
        return "<the failing callback>"
atexit.register(Failing())
atexit.register(print, "plain print at exit")
def removed():
    print("never printed")
atexit.register(removed)
atexit.unregister(removed)

keep = D("global")
other = D("other global")
_private = D("underscore global")
print("end of program")

class D:
    registry = []
    def __init__(self, name, child=None):
        self.name = name
        self.child = child
    def __del__(self):
        print("enter __del__", self.name)
        if self.name == "parent":
            # dropping the child here runs its __del__ right after ours
            self.child = None
            print("child dropped inside parent.__del__")
        if self.name == "maker":
            D.registry.append(D("made in __del__"))
        print("leave __del__", self.name)
p = D("parent", D("child"))
del p
print("---")
m = D("maker")
del m
print("registry", [d.name for d in D.registry])
D.registry.clear()
print("---")
chain = D("a", D("b", D("c")))
del chain
print("---")
class Deleter:
    def __init__(self, victims):
        self.victims = victims
    def __del__(self):
        print("Deleter clears its list")
        self.victims.clear()
        print("Deleter done")
victims = [D("v0"), D("v1")]
dl = Deleter(victims)
del victims
del dl
print("end")

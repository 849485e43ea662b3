import sys
class Base:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("Base.__del__", self.name)
class Child(Base):
    def __del__(self):
        print("Child.__del__", self.name)
        super().__del__()
class NoDel(Base):
    pass
c = Child("child")
del c
n = NoDel("inherits")
del n
class Slotted:
    __slots__ = ("name", "payload")
    def __init__(self, name):
        self.name = name
        self.payload = Base("payload of " + name)
    def __del__(self):
        print("Slotted.__del__", self.name)
s = Slotted("s")
print("slot refcount", sys.getrefcount(s.payload))
del s
print("after slotted")
class LateDel:
    pass
def late_del(self):
    print("__del__ added after class creation")
LateDel.__del__ = late_del
x = LateDel()
del x
class Removed(Base):
    def __del__(self):
        print("never")
del Removed.__del__
r = Removed("removed falls back to Base")
del r
print("end")

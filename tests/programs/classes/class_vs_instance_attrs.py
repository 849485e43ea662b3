# Class attributes vs instance attributes; shadowing and mutation.
class Shared:
    tags = []
    count = 0
    def __init__(self, name):
        self.name = name
    def add_tag(self, t):
        self.tags.append(t)
    def bump(self):
        self.count += 1
a, b = Shared("a"), Shared("b")
a.add_tag("x")
b.add_tag("y")
print(a.tags, b.tags, Shared.tags, a.tags is b.tags)
a.bump(); a.bump(); b.bump()
print(a.count, b.count, Shared.count, vars(a), vars(b))
Shared.count = 100
c = Shared("c")
print(c.count, a.count)
del a.count
print(a.count)
a.tags = ["own"]
print(a.tags, b.tags, 'tags' in vars(a))
class Config:
    debug = False
Config.debug = True
print(Config().debug)
Config.new_attr = "added later"
print(Config().new_attr)
inst = Config()
inst.debug = "instance"
print(inst.debug, Config.debug)
del Config.debug
print(hasattr(Config, "debug"), inst.debug)
try:
    del Config.debug
except AttributeError as e:
    print("AttributeError:", e)
class Parent:
    value = "parent"
class Child(Parent):
    pass
print(Child.value, 'value' in Child.__dict__)
Child.value = "child"
print(Child.value, Parent.value)
del Child.value
print(Child.value)
class WithMethodAttr:
    def m(self): return "method"
w = WithMethodAttr()
w.m = lambda: "instance lambda"
print(w.m(), WithMethodAttr().m())

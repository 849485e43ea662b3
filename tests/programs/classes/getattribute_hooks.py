# __getattribute__ intercepts every attribute access.
class Logged:
    def __init__(self):
        self.x = 10
    def method(self):
        return "method result"
    def __getattribute__(self, name):
        if not name.startswith("__"):
            print("get", name)
        return object.__getattribute__(self, name)
l = Logged()
print(l.x)
print(l.method())
try:
    l.missing
except AttributeError as e:
    print("AttributeError:", e)
class Both:
    def __getattribute__(self, name):
        if name == "special":
            return "from getattribute"
        return super().__getattribute__(name)
    def __getattr__(self, name):
        return "from getattr: " + name
b = Both()
print(b.special, b.other)
class Hide:
    secret = "s"
    visible = "v"
    def __getattribute__(self, name):
        if name == "secret":
            raise AttributeError("hidden")
        return object.__getattribute__(self, name)
h = Hide()
print(h.visible, hasattr(h, "secret"), getattr(h, "secret", "default"))
class Counting:
    count = 0
    def __getattribute__(self, name):
        type(self).count += 1
        return object.__getattribute__(self, name)
c = Counting()
c.a = 1
_ = c.a, c.a
print(Counting.count)
print(len([1, 2]), Logged.__name__)

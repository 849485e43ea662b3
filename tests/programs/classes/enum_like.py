# An enum implemented by hand with a metaclass.
class EnumMeta(type):
    def __new__(mcs, name, bases, ns):
        members = {k: v for k, v in ns.items() if not k.startswith("_") and not callable(v)}
        for k in members:
            del ns[k]
        cls = super().__new__(mcs, name, bases, ns)
        cls._members = {}
        for k, v in members.items():
            inst = object.__new__(cls)
            inst.name, inst.value = k, v
            cls._members[k] = inst
            setattr(cls, k, inst)
        return cls
    def __iter__(cls):
        return iter(cls._members.values())
    def __len__(cls):
        return len(cls._members)
    def __getitem__(cls, name):
        return cls._members[name]
    def __call__(cls, value):
        for m in cls._members.values():
            if m.value == value:
                return m
        raise ValueError(f"{value!r} is not a valid {cls.__name__}")
class Enum(metaclass=EnumMeta):
    def __repr__(self):
        return f"<{type(self).__name__}.{self.name}: {self.value!r}>"
    def __str__(self):
        return f"{type(self).__name__}.{self.name}"
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    def is_warm(self):
        return self is Color.RED
print(Color.RED, repr(Color.GREEN), len(Color), list(Color))
print(Color(3), Color["GREEN"], Color.RED.is_warm(), Color.BLUE.is_warm())
print(Color.RED is Color(1), Color.RED == Color.RED, Color.RED != Color.BLUE)
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    Color["PINK"]
except KeyError as e:
    print("KeyError:", e)
print([c.name for c in Color], [c.value for c in Color])
print({Color.RED: "stop", Color.GREEN: "go"}[Color(2)])
print(isinstance(Color.RED, Color), type(Color).__name__)

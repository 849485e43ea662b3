# Single and multi-level inheritance, overriding, isinstance/issubclass.
class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
    def intro(self):
        return f"I am {self.name}, a {self.kind}, and I say {self.speak()}"
class Cat(Animal):
    kind = "cat"
    def speak(self):
        return "meow"
class Lion(Cat):
    kind = "lion"
    def speak(self):
        return super().speak().upper() + "!"
class Fish(Animal):
    pass
for a in [Animal("generic"), Cat("tom"), Lion("leo"), Fish("nemo")]:
    print(a.intro())
print(issubclass(Lion, Cat), issubclass(Lion, Animal), issubclass(Cat, Lion), issubclass(Animal, object))
print(isinstance(Lion("x"), Animal), isinstance(Cat("y"), Lion))
print(Lion.__bases__, Lion.__base__.__name__, [c.__name__ for c in Lion.__mro__])
print(issubclass(Lion, (Fish, Cat)), isinstance(Fish("z"), (int, Animal)))
print(Lion.__subclasses__(), Cat.__subclasses__(), len(Animal.__subclasses__()))
class Base:
    def __init__(self):
        self.base_init = True
class NoInit(Base):
    pass
class OverrideInit(Base):
    def __init__(self):
        self.override = True
print(vars(NoInit()), vars(OverrideInit()))
class Counter:
    count = 0
    def __init__(self):
        type(self).count += 1
class SubCounter(Counter):
    pass
Counter(); Counter(); SubCounter()
print(Counter.count, SubCounter.count, 'count' in SubCounter.__dict__)
print(bool.__bases__, int.__subclasses__() == int.__subclasses__())

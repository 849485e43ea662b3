# Assigning __class__ and __bases__-related behaviour.
class Cat:
    def speak(self): return "meow"
class Dog:
    def speak(self): return "woof"
pet = Cat()
print(pet.speak(), type(pet).__name__)
pet.__class__ = Dog
print(pet.speak(), type(pet).__name__, isinstance(pet, Dog), isinstance(pet, Cat))
try:
    pet.__class__ = int
except TypeError as e:
    print("TypeError:", e)
try:
    (1).__class__ = bool
except TypeError as e:
    print("TypeError:", e)
class State:
    def handle(self): return "base"
class Idle(State):
    def handle(self):
        self.__class__ = Running
        return "idle -> running"
class Running(State):
    def handle(self):
        self.__class__ = Idle
        return "running -> idle"
s = Idle()
print([s.handle() for _ in range(4)])
print(Cat.__bases__, Dog.__mro__ == (Dog, object))
class Slotted:
    __slots__ = ("a",)
class Slotted2:
    __slots__ = ("a",)
x = Slotted()
x.__class__ = Slotted2
print(type(x).__name__)
class Other:
    __slots__ = ("b",)
try:
    x.__class__ = Other
except TypeError as e:
    print("TypeError:", e)

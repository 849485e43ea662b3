# Basic class definition, instances, methods, attributes.
class Dog:
    species = "canis familiaris"
    def __init__(self, name, age):
        self.name = name
        self.age = age
    def description(self):
        return f"{self.name} is {self.age} years old"
    def speak(self, sound):
        return f"{self.name} says {sound}"
    def birthday(self):
        self.age += 1
        return self
d = Dog("Rex", 3)
print(d.description())
print(d.speak("Woof"))
print(d.birthday().birthday().age)
print(d.species, Dog.species, d.name)
e = Dog("Fido", 1)
print(d.name != e.name, d.species is e.species)
print(type(d).__name__, type(d) is Dog, isinstance(d, Dog), isinstance(d, object))
print(Dog.__name__, Dog.__qualname__, Dog.__module__)
print(Dog.description(e))
d.nickname = "Rexy"
print(d.nickname, hasattr(e, "nickname"))
print(sorted(vars(d).items()))
class Empty:
    pass
x = Empty()
x.a = 1
print(vars(x), Empty.__bases__, Empty.__base__)
print(repr(str(type(x))), repr(Empty))
class WithDoc:
    "A documented class."
print(WithDoc.__doc__, Empty.__doc__)
print(Dog("A", 0) == Dog("A", 0))

# isinstance consults __class__ when the type check fails: a property, a
# __getattribute__ or __getattr__ may claim another class; an instance
# dict entry cannot (object's __class__ is a data descriptor).


class A:
    pass


class Claims:
    @property
    def __class__(self):
        return A


class ViaGetattribute:
    def __getattribute__(self, name):
        if name == '__class__':
            return A
        return object.__getattribute__(self, name)


class ViaGetattr:
    def __getattr__(self, name):
        return A


class Plain:
    pass


p = Plain()
p.__dict__['__class__'] = A
for o in [Claims(), ViaGetattribute(), ViaGetattr(), p, 1, 1.5, 'x', A()]:
    print(type(o).__name__, isinstance(o, A), isinstance(o, (int, A)), isinstance(o, float), isinstance(o, object))

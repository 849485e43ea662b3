class M(type):
    def mro(cls):
        return (cls, bytes, object)
try:
    class X(int, metaclass=M): pass
    x = X(65)
    print(type(x))
    del x
except TypeError as e:
    print("TypeError", e)

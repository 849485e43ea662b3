# TypeError messages for methods, classes and builtins.
def show(fn):
    try:
        fn()
    except TypeError as e:
        print(e)
class A:
    def m(self, x): pass
    def n(self): pass
    @classmethod
    def c(cls, y): pass
    @staticmethod
    def s(z): pass
    def __init__(self, v): self.v = v
a = A(1)
show(lambda: a.m())
show(lambda: a.m(1, 2))
show(lambda: a.n(1))
show(lambda: A.m(a))
show(lambda: A.n())
show(lambda: a.c())
show(lambda: A.c(1, 2))
show(lambda: a.s())
show(lambda: A.s(1, 2))
show(lambda: A())
show(lambda: A(1, 2))
show(lambda: A(v=1, w=2))
class B:
    pass
show(lambda: B(1))
show(lambda: B(x=1))
class Inner:
    class Nested:
        def meth(self, q): pass
show(lambda: Inner.Nested().meth())
show(lambda: len())
show(lambda: len(1, 2))
show(lambda: len(5))
show(lambda: abs())
show(lambda: abs('x'))
show(lambda: int(1, 2, 3))
show(lambda: 'abc'.split(1))
show(lambda: [].append())
show(lambda: {}.get())
show(lambda: divmod(1))
show(lambda: isinstance(1))
one, nothing, text = 1, None, 'str'
show(lambda: one())
show(lambda: nothing())
show(lambda: text())
show(lambda: print(sep=1))

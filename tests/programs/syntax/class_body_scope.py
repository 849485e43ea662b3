# Scoping inside class bodies.
x = "global"
class A:
    x = "class"
    y = x + "!"
    def method(self):
        return x
    z = [x for _ in range(1)]
    w = (lambda: x)()
print(A.y, A().method(), A.z, A.w)
def outer():
    v = "enclosing"
    w = "enclosing w"
    class B:
        print("in class body:", w)
        try:
            print(v)
        except NameError as e:
            print("NameError:", e)
        u = w
        v = "class-level v"
        def m(self):
            return v
    return B
B = outer()
print(B.u, B.v, B().m())
class C:
    items = [1, 2, 3]
    total = sum(items)
    doubled = [i * 2 for i in items]
    try:
        bad = [i * k for i in items for k in items]
    except NameError as e:
        err = str(e)
print(C.total, C.doubled, hasattr(C, "bad"), C.err)
class D:
    n = 4
    try:
        sq = [n * i for i in range(3)]
    except NameError as e:
        print("NameError:", e)
class E:
    def f(self): return "f"
    g = f
    del f
print(E().g(), hasattr(E, 'f'))
class F:
    __private = 1
    def get(self): return self.__private
print(F().get(), F._F__private, hasattr(F, '__private'))
print(sorted(k for k in vars(A) if not k.startswith('__')))

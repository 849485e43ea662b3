# Callable objects and bound methods.
class Multiplier:
    def __init__(self, k):
        self.k = k
    def __call__(self, x):
        return x * self.k
triple = Multiplier(3)
print(triple(4), callable(triple), callable(Multiplier), callable(3), callable(print))
class NoCall: pass
print(callable(NoCall()), callable(NoCall))
class Obj:
    def __init__(self, v): self.v = v
    def get(self): return self.v
o = Obj(7)
m = o.get
print(m(), m.__self__ is o, m.__func__ is Obj.get, m.__name__)
print(Obj.get(o), type(m).__name__, type(Obj.get).__name__)
print(o.get == o.get, Obj(7).get == o.get)
methods = [Obj(i).get for i in range(3)]
print([f() for f in methods])
s = "hello"
up = s.upper
print(up(), type(up).__name__, up.__self__)
appender = [].append
appender(1)
print(appender.__self__)
class StaticCall:
    @staticmethod
    def s(x): return x + 1
    @classmethod
    def c(cls, x): return cls.__name__ + str(x)
print(StaticCall.s(1), StaticCall().s(2), StaticCall.c(3), StaticCall().c(4))
cm = StaticCall.c
print(cm.__self__ is StaticCall, cm(5))
def fn(): return "fn"
fn_alias = fn
print(fn_alias(), fn_alias.__name__)
print(len.__name__, len.__self__ is not None, type(len).__name__)
class CallAttr:
    pass
obj = CallAttr()
obj.__call__ = lambda: "instance attr"
try:
    obj()
except TypeError as e:
    print("TypeError:", e)
print(obj.__call__())

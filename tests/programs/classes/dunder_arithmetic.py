# Arithmetic dunders, including reflected and in-place, and NotImplemented.
class V:
    def __init__(self, *c):
        self.c = c
    def __repr__(self):
        return "V" + repr(self.c)
    def _zip(self, o, f):
        if isinstance(o, V):
            return V(*[f(a, b) for a, b in zip(self.c, o.c)])
        if isinstance(o, (int, float)):
            return V(*[f(a, o) for a in self.c])
        return NotImplemented
    def __add__(self, o): return self._zip(o, lambda a, b: a + b)
    def __sub__(self, o): return self._zip(o, lambda a, b: a - b)
    def __mul__(self, o): return self._zip(o, lambda a, b: a * b)
    def __truediv__(self, o): return self._zip(o, lambda a, b: a / b)
    def __floordiv__(self, o): return self._zip(o, lambda a, b: a // b)
    def __mod__(self, o): return self._zip(o, lambda a, b: a % b)
    def __pow__(self, o, mod=None):
        if mod is not None:
            return V(*[pow(a, o, mod) for a in self.c])
        return self._zip(o, lambda a, b: a ** b)
    def __matmul__(self, o): return sum(a * b for a, b in zip(self.c, o.c))
    def __lshift__(self, n): return V(*self.c[n:], *self.c[:n])
    def __rshift__(self, n): return V(*self.c[-n:], *self.c[:-n])
    def __and__(self, o): return "and"
    def __or__(self, o): return "or"
    def __xor__(self, o): return "xor"
    def __divmod__(self, o): return ("divmod", o)
    def __radd__(self, o):
        print("radd called with", o)
        return self + o
    def __rsub__(self, o): return V(*[o - a for a in self.c])
    def __rmul__(self, o): return self * o
    def __rtruediv__(self, o): return V(*[o / a for a in self.c])
    def __rpow__(self, o): return V(*[o ** a for a in self.c])
    def __rdivmod__(self, o): return ("rdivmod", o)
    def __neg__(self): return V(*[-a for a in self.c])
    def __pos__(self): return self
    def __abs__(self): return V(*[abs(a) for a in self.c])
a = V(1, 2, 3)
b = V(4, 5, 6)
print(a + b, a - b, a * b, b / a, b // a, b % a, a ** 2, pow(a, 3, 5))
print(a @ b, a << 1, a >> 1, a & b, a | b, a ^ b, divmod(a, 2), divmod(2, a))
print(1 + a, 10 - a, 2 * a, 6 / a, 2 ** a)
print(-a, +a, abs(V(-1, 2, -3)))
print(sum([a, b, V(1, 1, 1)]))
try:
    a + "x"
except TypeError as e:
    print("TypeError:", e)
try:
    "x" - a
except TypeError as e:
    print("TypeError:", e)
try:
    a @ 5
except AttributeError as e:
    print("AttributeError:", e)
class Acc:
    def __init__(self): self.items = []
    def __iadd__(self, o):
        self.items.append(o)
        return self
    def __isub__(self, o):
        self.items.remove(o)
        return self
    def __imul__(self, n):
        self.items *= n
        return self
acc = Acc()
orig = acc
acc += 1
acc += 2
acc -= 1
acc *= 3
print(acc.items, acc is orig)
class NoIadd:
    def __init__(self, v): self.v = v
    def __add__(self, o): return NoIadd(self.v + o)
n = NoIadd(1)
m = n
n += 5
print(n.v, m.v, n is m)
class ReturnsNone:
    def __iadd__(self, o): return None
r = ReturnsNone()
r += 1
print(r)

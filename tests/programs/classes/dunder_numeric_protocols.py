# __index__, __int__, __float__, __complex__, __round__, __trunc__, __floor__, __ceil__.
class Idx:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
i = Idx(3)
print([10, 20, 30, 40][i], "abcdef"[Idx(1):Idx(4)], bin(i), hex(Idx(255)), oct(i))
print(range(Idx(5)), list(range(10))[Idx(-2)], operator_like := int(i) if hasattr(i, "__int__") else "no __int__")
print(int(i), "a" * Idx(3), [0] * Idx(2))
class Num:
    def __init__(self, v): self.v = v
    def __int__(self): return int(self.v)
    def __float__(self): return float(self.v)
    def __complex__(self): return complex(self.v, 1)
    def __round__(self, n=None): return ("round", n)
    def __trunc__(self): return "trunc"
    def __floor__(self): return "floor"
    def __ceil__(self): return "ceil"
    def __abs__(self): return "abs"
n = Num(2.7)
print(int(n), float(n), complex(n), round(n), round(n, 2), abs(n))
try:
    [1, 2][n]
except TypeError as e:
    print("TypeError:", e)
try:
    bin(n)
except TypeError as e:
    print("TypeError:", e)
class BadIndex:
    def __index__(self): return "x"
try:
    [1][BadIndex()]
except TypeError as e:
    print("TypeError:", e)
class BadFloat:
    def __float__(self): return 1
try:
    float(BadFloat())
except TypeError as e:
    print("TypeError:", e)
class IntOnly:
    def __int__(self): return 7
try:
    float(IntOnly())
except TypeError as e:
    print("TypeError:", e)
class IdxOnly:
    def __index__(self): return 9
print(int(IdxOnly()), float(IdxOnly()), complex(IdxOnly()))
class FloatOnly:
    def __float__(self): return 2.5
print(complex(FloatOnly()))
try:
    int(FloatOnly())
except TypeError as e:
    print("TypeError:", e)

# __bool__ and __len__ truthiness protocol.
class B:
    def __init__(self, v): self.v = v
    def __bool__(self): return self.v
class L:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
class Both:
    def __bool__(self): return True
    def __len__(self): return 0
class Neither: pass
print(bool(B(True)), bool(B(False)), bool(L(0)), bool(L(3)), bool(Both()), bool(Neither()))
print(len(L(5)), "yes" if L(1) else "no", not L(0))
try:
    bool(B(1))
except TypeError as e:
    print("TypeError:", e)
try:
    len(L(-1))
except ValueError as e:
    print("ValueError:", e)
try:
    bool(L(-1))
except ValueError as e:
    print("ValueError:", e)
try:
    len(L("3"))
except TypeError as e:
    print("TypeError:", e)
try:
    len(L(2 ** 70))
except OverflowError as e:
    print("OverflowError:", e)
class LenBool:
    def __len__(self): return True
print(len(LenBool()))
try:
    len(Neither())
except TypeError as e:
    print("TypeError:", e)
class Idx:
    def __index__(self): return 4
class LenIdx:
    def __len__(self): return Idx()
print(len(LenIdx()))
class BoolNone:
    __bool__ = None
try:
    bool(BoolNone())
except TypeError as e:
    print("TypeError:", e)
x = L(0)
while not x:
    x.n += 1
print(x.n)
print([bool(v) for v in (B(False), L(2), Both())])
print(any([L(0), L(0)]), all([L(1), B(True)]))

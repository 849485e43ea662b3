# __call__, __repr__, __str__, __format__.
class Money:
    def __init__(self, cents): self.cents = cents
    def __repr__(self): return f"Money({self.cents})"
    def __str__(self): return f"${self.cents // 100}.{self.cents % 100:02d}"
    def __format__(self, spec):
        if spec == "":
            return str(self)
        if spec == "cents":
            return f"{self.cents}c"
        return format(self.cents / 100, spec)
m = Money(1234)
print(m, repr(m), str(m), [m], (m,), {"k": m})
print(f"{m}", f"{m!r}", f"{m:cents}", f"{m:>10.1f}", format(m, ".3f"), "{:cents}".format(m))
print("%s %r" % (m, m))
class OnlyRepr:
    def __repr__(self): return "OnlyRepr()"
print(str(OnlyRepr()), f"{OnlyRepr()}", format(OnlyRepr()))
class OnlyStr:
    def __str__(self): return "only str"
print(str(OnlyStr()), repr(OnlyStr()).startswith("<__main__.OnlyStr object at 0x"))
try:
    format(OnlyStr(), "abc")
except TypeError as e:
    print("TypeError:", e)
class BadRepr:
    def __repr__(self): return 42
try:
    repr(BadRepr())
except TypeError as e:
    print("TypeError:", e)
class BadStr:
    def __str__(self): return None
try:
    str(BadStr())
except TypeError as e:
    print("TypeError:", e)
class Adder:
    def __init__(self): self.total = 0
    def __call__(self, *nums, scale=1):
        self.total += sum(nums) * scale
        return self
a = Adder()
a(1, 2)(3)(4, scale=10)
print(a.total)
class Nested:
    def __repr__(self): return "Nested(" + repr([OnlyRepr(), "s"]) + ")"
print(Nested())
class ReprUnicode:
    def __repr__(self): return "Ü→"
print(repr(ReprUnicode()), ascii(ReprUnicode()), [ReprUnicode()])

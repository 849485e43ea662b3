# repr() and ascii().
objs = [1, -1.5, 1e100, 1j, "text", "it's", 'q"uote', "é", "\n\x00", b"\xff", bytearray(b"b"), [1, "a"], (1,), {"k": "v"},
        {1}, frozenset({2}), set(), range(3), slice(1, 2), None, True, ..., NotImplemented, int, len, "😀", "\u200b"]
for o in objs:
    print(repr(o), "|", ascii(o))
class Custom:
    def __repr__(self): return "Custom(ü)"
print(repr(Custom()), ascii(Custom()), repr([Custom()]), ascii([Custom()]), str(Custom()))
try:
    repr()
except TypeError as e:
    print("TypeError:", e)
print(repr(repr("x")), ascii(ascii("é")), eval(repr("mixed 'quotes' and \"dq\"")))

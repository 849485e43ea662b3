# str() constructor and repr quoting rules.
print(str(), str(1), str(1.5), str(-0.0), str(1j), str(None), str(True), str([1, "a"]), str((1,)), str({"a": [1]}))
print(str(b"x"), str(b"x", "ascii"), str(bytearray(b"y"), encoding="utf-8"), str(object="kw"))
print(str(str), str(int), str(len).startswith("<built-in function len"), str(ValueError("v")), str(KeyError("k")))
for s in ["plain", "it's", 'say "hi"', "both ' and \"", "\\", "\n\t\r", "\x00\x07\x1b", "\x7f\x80\x9f", "\xa0\xad",
          "é", "\u0301", "\u200b\u200e", "\u2028", "\ud800", "\U0001f600", "\U000e0001", "\ufeff", "\u00ff\u0100"]:
    print(repr(s), ascii(s), len(s))
print(repr("'" * 2 + '"'), repr('"' * 2), repr("'"), repr('"'), repr("'\""))
class S(str):
    pass
print(repr(S("sub")), type(str(S("sub"))).__name__, type(S("x") + "y").__name__, type(S("x")[0]).__name__)
try:
    str(b"x", "nope")
except LookupError as e:
    print("LookupError:", e)
try:
    str(5, "utf-8")
except TypeError as e:
    print("TypeError:", e)
print(str.join, str.__name__, isinstance("", str), "a".__class__ is str)

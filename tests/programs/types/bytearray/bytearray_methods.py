# bytearray shares the bytes methods and returns bytearrays.
ba = bytearray(b"  Hello World  ")
r = ba.strip()
print(r, type(r).__name__, ba.upper(), ba.lower().split(), ba.replace(b"l", b"L"), ba.find(b"World"))
print(bytearray(b"a,b").split(b","), bytearray(b"x").join([b"1", b"2"]), type(bytearray(b"x").join([b"1"])).__name__)
print(bytearray(b"abc").hex(), bytearray.fromhex("41 42"), bytearray(b"abc").decode(), bytearray(b"ab").center(6, b"."))
print(bytearray(b"abc") + b"def", b"def" + bytearray(b"abc"), type(b"x" + bytearray(b"y")).__name__, bytearray(b"ab") * 2)
print(bytearray(b"abc") == b"abc", bytearray(b"abc") < b"abd", b"abc" in bytearray(b"xabcx"), 97 in bytearray(b"a"))
print(bytearray(b"hello").count(b"l"), bytearray(b"hello").partition(b"l"), bytearray(b"hi").zfill(4), bytearray(b"Hi").swapcase())
print(bytearray(b"abc").translate(bytes.maketrans(b"a", b"A")), bytearray(b"prefix").removeprefix(b"pre"), bytearray(b"x\ty").expandtabs(2))
print(bytearray(b"t1").istitle(), bytearray(b"abc").isalpha(), bytearray(b"a b").title(), bytearray(b"abc").capitalize())
print(list(bytearray(b"AB")), bytes(bytearray(b"conv")), bytearray(bytearray(b"copy")), bytearray(b"x").isascii())
try:
    hash(bytearray(b"x"))
except TypeError as e:
    print("TypeError:", e)
print(bytearray(b"%s-%d") % (b"a", 1), repr(bytearray(b"'\"")), repr(bytearray()), str(bytearray(b"s")))
ba = bytearray(b"abc")
view = ba[:]
view[0] = 90
print(ba, view, ba.rstrip(b"c"), ba.lstrip(b"a"), ba.startswith(b"ab"), ba.endswith(bytearray(b"c")))
print(ba.rfind(b"c"), ba.index(b"b"), ba.rindex(98), ba.rsplit(b"b"), ba.splitlines(), ba.isdigit(), ba.islower(), ba.isupper())
print(ba.ljust(5, b"_"), ba.rjust(5), ba.isspace(), ba.isalnum(), ba.rpartition(b"b"), ba.removesuffix(b"c"))

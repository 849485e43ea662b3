# bytes as an immutable sequence of ints.
b = b"abcdef"
print(b[0], b[-1], b[1:3], b[::-1], b[::2], b[10:], type(b[0]).__name__, type(b[0:1]).__name__)
print(list(b), [c for c in b"hi"], tuple(b"ab"), len(b), b + b"gh", b * 2, 3 * b"x", b"" * 5)
print(b"a" < b"b", b"abc" < b"abd", b"ab" < b"abc", b"\xff" > b"a", b"abc" == b"abc", b"abc" == "abc", b"A" == 65)
print(max(b), min(b), sum(b), sorted(b"cab"), bytes(sorted(b"cab")), b.index(99), b.count(b""), 97 in b, b"c" in b)
try:
    b[0] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    b + "str"
except TypeError as e:
    print("TypeError:", e)
try:
    b[10]
except IndexError as e:
    print("IndexError:", e)
try:
    b"a" < "a"
except TypeError as e:
    print("TypeError:", e)
print(hash(b"abc") == hash(b"abc"), {b"k": 1}[b"k"], b"abc" == b"ab" + b"c", bytes(b) == b)
print(b"%b" % b"x", b.__len__(), b.__getitem__(1), b.__contains__(b"cd"), b"ab".__add__(b"c"))
print(b"x".__mod__(()), b.isascii(), bytes.__name__, isinstance(b, bytes), isinstance(bytearray(), bytes))

# sys.intern() of a str never interned before returns that very object, and
# later equal strings intern to it.
import sys

s = "never interned before" + str(len(sys.argv) + 41)
print(sys.intern(s) is s)
s2 = s.swapcase().swapcase()
print(s2 is s, sys.intern(s2) is s)
print(sys.intern("\udcdc" * 2) == "\udcdc\udcdc")


class S(str):
    pass


for bad in (S("abc"), b"abc", 3):
    try:
        sys.intern(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    sys.intern()
except TypeError as e:
    print("TypeError", e)

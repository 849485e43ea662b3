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

# sys.exit() with a tuple status: the tuple's items are SystemExit's args.
for arg in [(42,), 42, "exit", (17, 23), (), None]:
    try:
        sys.exit(arg)
    except SystemExit as e:
        print(repr(e.code), e.args)
import subprocess

for code in ('import sys; sys.exit("surrogates:\\uDCFF")', 'import sys; sys.exit("plain")', "raise SystemExit((3,))"):
    r = subprocess.run([sys.executable, "-c", code], capture_output=True)
    print(r.returncode, r.stdout, r.stderr)

# Strings as marshal reads them: ASCII and Latin-1 bytes in the ASCII type
# codes, UTF-8 with lone surrogates, interned strings and their identity,
# and loads() of memoryview slices (what importlib hands it).
import marshal
import sys


def show(data):
    try:
        v = marshal.loads(data)
    except Exception as e:
        print(type(e).__name__, e)
        return None
    print(type(v).__name__, ascii(v), len(v) if isinstance(v, str) else "")
    return v


show(b"z\x03abc")
show(b"Z\x03abc")
show(b"z\x03\xe9ab")
show(b"Z\x02\xff\xfe")
show(b"a\x04\x00\x00\x00abcd")
show(b"A\x04\x00\x00\x00\x80bcd")
show(b"z\x00")
show(b"Z\x00")
show(b"z\x01q")
show(b"u\x03\x00\x00\x00\xed\xa0\x80")
show(b"t\x06\x00\x00\x00h\xc3\xa9llo")
show(b"u\x02\x00\x00\x00\xc3\xa9")
show(b"u\x02\x00\x00\x00\xc3")
show(b"u\x01\x00\x00\x00\xff")
show(b"t\x02\x00\x00\x00a\x80")
show(b"z\x05abc")
show(b"t\x05\x00\x00\x00ab")

# Interned strings come back as the interned object.
name = sys.intern("marshal_strings_name")
back = marshal.loads(marshal.dumps(name))
print(back is name, back == name)
two = marshal.loads(marshal.dumps(("xy_interned_a", "xy_interned_a")))
print(two[0] is two[1])
s = "not" + "_interned_" + str(len(sys.argv))
t = marshal.loads(marshal.dumps(s))
print(t == s, t is s)
u = marshal.loads(b"Z\x0efresh_interned")
print(u is sys.intern("fresh_interned"))

# Code constants and names survive.
code = compile("def f(a, b='d\xe9faut', *, c='\u20ac'):\n    return a, b, c, '\U0001f600'\n", "<m>", "exec")
ns = {}
exec(marshal.loads(marshal.dumps(code)), ns)
print(ascii(ns["f"](1)), ns["f"].__code__.co_varnames)

# loads() of memoryview slices, as SourceFileLoader passes them.
blob = b"0123456789abcdef" + marshal.dumps(["x", 1, b"y", ("t",)])
mv = memoryview(blob)
print(marshal.loads(mv[16:]))
print(len(mv[::2]), len(mv[3:40:5]), len(mv[::-3]), len(mv[50:10]), len(mv[10:50:-1]), len(mv[-1:-40:-7]))
print(bytes(mv[3:40:5]), bytes(mv[-1:-40:-7])[:4])

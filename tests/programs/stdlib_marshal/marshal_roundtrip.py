import marshal, sys
vals = [None, True, False, ..., StopIteration, 0, 1, -1, 2**31-1, -2**31, 2**31, -2**31-1, 2**63, -(2**100), 10**50,
        1.5, -0.0, float('inf'), 1e300, 2j, complex(1.5, -2), b'', b'abc', 'x', '', 'héllo', 'a'*300, '\udcff', '€'*300,
        (), (1, 2), tuple(range(300)), [], [1, [2, [3]]], {}, {'a': 1, 2: (3, 4)}, set(), {1, 2, 3}, frozenset(), frozenset({'a'}),
        bytearray(b'xy'), memoryview(b'mv')]
for v in vals:
    for ver in (0, 1, 2, 3, 4):
        d = marshal.dumps(v, ver)
        back = marshal.loads(d)
        print(ver, type(v).__name__, d.hex()[:60], repr(back)[:40], type(back).__name__)
x = [1, 2]
print(marshal.dumps((x, x)).hex())
s = 'shared' * 3
print(marshal.dumps([s, s]).hex())
def f(a, b=2, *args, c, **kw):
    "doc"
    z = a + b
    def g():
        return z
    return g, [i * 2 for i in args], {'k': 1.5, 'j': 2j}
co = f.__code__
d = marshal.dumps(co)
co2 = marshal.loads(d)
print(co2 == co, co2.co_name, co2.co_qualname, co2.co_varnames, co2.co_cellvars, co2.co_consts[0])
import types
f2 = types.FunctionType(co2, globals(), 'f2', (2,))
g, lst, dd = f2(1, 2, 5, 6, c=3)
print(g(), lst, dd)
src = open(__file__).read()
c = compile(src, 'm1', 'exec')
print(marshal.loads(marshal.dumps(c)) == c)
bad = [b'', b'i\x01', b'\x99', b'l\x02\x00\x00\x00\x01\x00', b'l\x01\x00\x00\x00\x00\x00', b'l\x01\x00\x00\x00\xff\xff',
       b'r\x00\x00\x00\x00', b'(\x02\x00\x00\x00N', b's\xff\xff\xff\x7f', b's\xff\xff\xff\xff', b'[\x01\x00\x00\x000', b'{N0',
       b'\xdb\x01\x00\x00\x00r\x00\x00\x00\x00', b')\x01' * 3000 + b'N', b'u\x02\x00\x00\x00\xff\xfe', b'c' + b'\x00' * 20]
for b in bad:
    try:
        print(repr(marshal.loads(b))[:50])
    except Exception as e:
        print(type(e).__name__, e)
for v in [object(), [object()], type]:
    try:
        marshal.dumps(v)
    except Exception as e:
        print(type(e).__name__, e)
deep = []
for i in range(3000):
    deep = [deep]
try:
    marshal.dumps(deep)
except Exception as e:
    print(type(e).__name__, e)
import io
buf = io.BytesIO()
marshal.dump((1, 'two', 3.0), buf)
marshal.dump([4], buf)
buf.seek(0)
print(marshal.load(buf), marshal.load(buf), buf.read())
for args in [(), (1, 2, 3)]:
    try:
        marshal.dumps(*args)
    except TypeError as e:
        print(e)
try:
    marshal.loads('str')
except TypeError as e:
    print(e)
try:
    marshal.dumps(1, 2**40)
except OverflowError as e:
    print(e)
print(marshal.version)

import struct

def show(label, f, *a, **k):
    try:
        v = f(*a, **k)
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(v))

for o in '<>=@!':
    for c in 'bBhHiIlLqQ':
        for v in [0, 1, -1, 127, 128, 255, 256, -128, -129, 32767, 32768, 65535, 65536, -32769,
                  2**31 - 1, 2**31, 2**32 - 1, 2**32, -2**31, -2**31 - 1, 2**63 - 1, 2**63, 2**64 - 1, 2**64, -2**63, -2**63 - 1, 2**70, -2**70]:
            fmt = o + c
            try:
                b = struct.pack(fmt, v)
                r = struct.unpack(fmt, b)[0]
                print(fmt, v, b.hex(), r)
            except Exception as e:
                print(fmt, v, type(e).__name__, e)
for c in 'nNP':
    for v in [0, 5, -1, 2**63, 2**64, -2**63, -2**64]:
        show('@' + c, struct.pack, c, v)
    show('<' + c, struct.pack, '<' + c, 1)
for o in '<>=@':
    for c in 'efd':
        for v in [0.0, -0.0, 1.0, -1.5, 0.1, 1e-5, 6e-8, 3e-8, 65504.0, 65519.0, 65520.0, 3.4e38, 3.5e38, 1e300, 5e-324,
                  float('inf'), float('-inf'), float('nan'), 1, 2**70, True]:
            fmt = o + c
            try:
                b = struct.pack(fmt, v)
                print(fmt, v, b.hex(), struct.unpack(fmt, b)[0])
            except Exception as e:
                print(fmt, v, type(e).__name__, e)
        show(o + c, struct.pack, o + c, 'x')
        show(o + c, struct.pack, o + c, 10**400)
for h in range(0, 65536, 257):
    print(h, struct.unpack('<e', h.to_bytes(2, 'little'))[0])
for fmt in ['', 'x', '3x', 'c', 'bhb', '@bhb', '=bhb', '@b0i', '@bq', '@hi', '@ic', '@?e', '5s', '0s', '3p', '0p', 'b 3s q', '  h  ', '@P', '@n', '@N', '2e', '10000x', '!hh', 'hhhhhhhhh']:
    show('calcsize ' + repr(fmt), struct.calcsize, fmt)
for fmt in ['z', '3', '3 h', '<>h', 'h<', '<n', '>P', '99999999999999999999h', '9223372036854775807q', 'é', 5, b'\xff', None]:
    show('calcsize ' + repr(fmt), struct.calcsize, fmt)
show('s', struct.pack, '5s', b'abcdefg')
show('s', struct.pack, '5s', b'ab')
show('s', struct.pack, '5s', bytearray(b'xy'))
show('s', struct.pack, '5s', 'ab')
show('s', struct.pack, '5s', memoryview(b'ab'))
show('p', struct.pack, '5p', b'abcdefg')
show('p', struct.pack, '300p', b'a' * 300)
show('p', struct.pack, '2p0p1p', b'a', b'b', b'c')
show('p', struct.pack, 'p', 1)
show('p', struct.unpack, '3p', b'\x05ab')
show('p', struct.unpack, '4p', b'\x01abc')
show('c', struct.pack, '3c', b'a', b'b', bytearray(b'c'))
show('c', struct.pack, 'c', b'ab')
show('c', struct.pack, 'c', 'a')
show('c', struct.unpack, '2c', b'ab')
show('?', struct.pack, '???', 0, [], 'x')
show('?', struct.unpack, '???', b'\x00\x01\x7f')
show('int', struct.pack, 'h', 1.5)
show('int', struct.pack, '>q', 1.5)
class Idx:
    def __index__(self): return 42
show('index', struct.pack, '<ih', Idx(), True)
show('x', struct.pack, '2xh2x', 7)
show('x', struct.unpack, '2xh2x', b'\x00\x00\x07\x00\x00\x00')
show('pack', struct.pack, 'hh', 1)
show('pack', struct.pack, 'h')
show('pack', struct.pack)
show('pack', struct.pack, 'h', 1, 2)
show('pack', struct.pack, '0s')
show('pack', struct.pack, b'<i', 1)
show('unpack', struct.unpack, 'h', b'123')
show('unpack', struct.unpack, 'h', 'ab')
show('unpack', struct.unpack, 'h', bytearray(b'ab'))
show('unpack', struct.unpack, 'h', memoryview(b'abcd')[1:3])
show('unpack', struct.unpack, 'h')
show('unpack_from', struct.unpack_from, 'h', b'1', 0)
show('unpack_from', struct.unpack_from, 'h', b'123', 5)
show('unpack_from', struct.unpack_from, 'h', b'123', 1)
show('unpack_from', struct.unpack_from, 'h', b'123', -1)
show('unpack_from', struct.unpack_from, 'h', b'123', -2)
show('unpack_from', struct.unpack_from, 'h', b'123', -5)
show('unpack_from', struct.unpack_from, 'h', buffer=b'12', offset=0)
show('unpack_from', struct.unpack_from, 'h', b'12', 'x')
ba = bytearray(6)
show('pack_into', struct.pack_into, '<h', ba, 2, 0x4142)
print(ba)
show('pack_into', struct.pack_into, '<h', ba, -2, 0x4344)
print(ba)
show('pack_into', struct.pack_into, 'h', bytearray(3), 2, 1)
show('pack_into', struct.pack_into, 'h', bytearray(3), -1, 1)
show('pack_into', struct.pack_into, 'h', bytearray(3), -5, 1)
show('pack_into', struct.pack_into, 'h', bytearray(3), 5, 1)
show('pack_into', struct.pack_into, 'h', bytearray(3))
show('pack_into', struct.pack_into, 'h')
show('pack_into', struct.pack_into, 'h', bytearray(3), 0)
show('pack_into', struct.pack_into, 'h', b'123', 0, 1)
ba = bytearray(4)
show('pack_into', struct.pack_into, '<hh', ba, 0, 1, 'x')
print(ba)
mv = memoryview(bytearray(4))
struct.pack_into('>H', mv, 1, 0xabcd)
print(mv.tobytes())
show('iter_unpack', lambda: list(struct.iter_unpack('<h', b'123456')))
show('iter_unpack', struct.iter_unpack, 'h', b'123')
show('iter_unpack', struct.iter_unpack, '', b'')
it = struct.iter_unpack('<h', b'1234')
print(type(it).__name__, it.__length_hint__(), next(it), it.__length_hint__(), list(it), it.__length_hint__())
s = struct.Struct('<ihq')
print(s.format, s.size, s.pack(1, 2, 3), s.unpack(s.pack(1, 2, 3)), s.unpack_from(b'\x00' + s.pack(1, 2, 3), 1), s.unpack_from(b'\x00' + s.pack(1, 2, 3), offset=1))
print(list(s.iter_unpack(s.pack(1, 2, 3) * 2)))
s.__init__('>h')
print(s.format, s.size, s.pack(258))
print(struct.Struct(b'=d').format, type(struct.Struct('i').format).__name__)
show('Struct', struct.Struct, 5)
show('Struct', struct.Struct)
show('Struct', struct.Struct, 'z')
show('Struct', lambda: struct.Struct(format='<b').format)
class S(struct.Struct):
    pass
print(S('<h').pack(5), isinstance(S('h'), struct.Struct))
print(struct.Struct.__module__, struct.error.__module__, struct.error.__mro__, struct.Struct.__name__)
print(issubclass(struct.error, Exception))
for i in range(150):
    struct.calcsize('%dx' % i)
struct._clearcache()
print(struct.calcsize('hh'))

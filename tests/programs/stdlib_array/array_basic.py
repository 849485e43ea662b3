import array

def show(label, f, *a, **k):
    try:
        v = f(*a, **k)
    except Exception as e:
        print(label, type(e).__name__ + ':', e)
    else:
        print(label, repr(v))

print(array.typecodes, array.ArrayType is array.array)
for tc in 'bBhHiIlLqQ':
    for v in [2**70, -2**70, 2**64, 2**63, 2**32, 2**31, 2**16, 2**15, 256, 128, -1, -129, -2**15 - 1, -2**31 - 1, -2**63 - 1, 1.5, 'a', True]:
        show(tc + ' ' + str(v), lambda: array.array(tc, [v]))
for tc in 'fdu':
    for v in [1, 1.5, 'a', 'ab', 10**400, None, 1e300]:
        show(tc + ' ' + str(v)[:10], lambda: array.array(tc, [v]))
for tc in array.typecodes:
    a = array.array(tc, 'abc' if tc == 'u' else [1, 2, 3])
    print(tc, a, a.itemsize, a.typecode, len(a), a.tolist(), a.tobytes().hex(), a.__reduce_ex__(2), a.__reduce_ex__(3)[1:])
show('new', array.array, 1)
show('new', array.array, 'z')
show('new', array.array, 'ab')
show('new', array.array, 'b', 'abc')
show('new', array.array, 'b', array.array('u', 'x'))
show('new', array.array, 'u', array.array('b'))
show('new', array.array)
show('new', array.array, 'b', [1], 3)
show('new', array.array, 'b', b'\x01\x02')
show('new', array.array, 'h', b'\x01')
show('new', array.array, 'b', x=1)
show('new', array.array, 'd', array.array('i', [1, 2]))
show('new', array.array, 'i', range(5))
show('new', array.array, 'i', (x * x for x in range(4)))
a = array.array('i', [1, 2, 3])
for f in [lambda: a[5], lambda: a.pop(7), lambda: array.array('i').pop(), lambda: a.remove(9), lambda: a.index(9),
          lambda: a + [1], lambda: a + array.array('h'), lambda: a.extend(array.array('h')),
          lambda: a.__setitem__(slice(0, 2), [1]), lambda: a.__setitem__(slice(0, 3, 2), array.array('i', [1])),
          lambda: a.fromlist((1,)), lambda: a.tounicode(), lambda: a.fromunicode('x'), lambda: a * 'x',
          lambda: a.__setitem__(9, 1), lambda: a.__delitem__(9), lambda: a['x'], lambda: hash(a), lambda: a < 5,
          lambda: a.insert(1.5, 2), lambda: array.array('u', 'ab').index('c'), lambda: a.index(2, 5), lambda: a.frombytes('x')]:
    show('err', f)
a = array.array('h', range(10))
print(a[2], a[-1], a[2:5], a[::-2], a[100:], 3 in a, 30 in a, a.count(3), a.index(4), a.index(4, 2, 8))
a[1] = -7; a[-1] = 99; print(a)
a[2:4] = array.array('h', [40, 41, 42]); print(a)
a[::3] = array.array('h', [0, 0, 0, 0]); print(a)
del a[0]; del a[::2]; print(a)
del a[1:3]; print(a)
a.append(5); a.insert(0, 6); a.insert(-1, 7); a.insert(100, 8); a.insert(-100, 9); print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(6); a.reverse(); print(a)
a.extend([1, 2]); a.extend(array.array('h', [3])); a.fromlist([4]); a.frombytes(b'\x05\x00'); print(a)
b = a + array.array('h', [1]); c = a * 2; d = 2 * a; print(b, c, d, a * -1)
a += array.array('h', [77]); a *= 2; print(a)
a.byteswap(); print(a); a.byteswap()
print(a == array.array('h', a.tolist()), a != a, array.array('i', [1, 2]) == array.array('h', [1, 2]),
      array.array('i', [1, 2]) < array.array('d', [1, 2.5]), array.array('b', [1]) < array.array('b', [1, 0]),
      array.array('b') <= array.array('b'), array.array('b', [3]) > array.array('b', [2, 9]))
print(list(iter(array.array('d', [0.5, 1.5]))), [x for x in array.array('u', 'hé')])
u = array.array('u', 'hello')
u.fromunicode(' world'); print(u, u.tounicode(), u[1], u[1:3])
show('u', u.fromunicode, 5)
print(repr(array.array('d', [1.5, float('nan'), float('inf')])), repr(array.array('f', [0.1])), repr(array.array('u')))
print(array.array('b', [1, 2]).__copy__(), array.array('b', [1, 2]).__deepcopy__({}))
r = array._array_reconstructor
print(r(array.array, 'i', 8, b'\x01\x00\x00\x00'), r(array.array, 'h', 5, b'\x00\x01\xff\xfe'), r(array.array, 'd', 15, b'\x3f\xf8\x00\x00\x00\x00\x00\x00'),
      r(array.array, 'u', 18, 'hi'.encode('utf-16-le')), r(array.array, 'Q', 11, b'\x00' * 7 + b'\x09'))
show('recon', r, 5, 'i', 8, b'')
show('recon', r, array.array, 'z', 8, b'')
show('recon', r, array.array, 'i', 99, b'')
show('recon', r, array.array, 'i', 8, 'x')
show('recon', r, int, 'i', 8, b'')

import codecs

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)
        if isinstance(e, UnicodeError) and hasattr(e, 'start'):
            print('   ', e.encoding, repr(e.object), e.start, e.end, e.reason)
        if e.__cause__ is not None:
            print('    cause:', type(e.__cause__).__name__, e.__cause__)

# lookup and names
for name in ['utf8', 'UTF-8', 'latin1', 'ISO-8859-1', 'cp1252', 'koi8_r', 'utf_16_le', 'u32', 'ascii']:
    print(name, '->', codecs.lookup(name).name)
show(lambda: codecs.lookup('no-such-codec'))
show(lambda: codecs.lookup(1))

# a search function of our own, and the cache
seen = []
def search(name):
    seen.append(name)
    if name == 'my_codec':
        return codecs.CodecInfo(lambda s, e='strict': (s.upper().encode(), len(s)),
                                lambda b, e='strict': (bytes(b).decode().lower(), len(b)), name='my-codec')
    return None
codecs.register(search)
print(codecs.lookup('My Codec').name, codecs.lookup('my-codec').name)
print('abc'.encode('my codec'), b'XYZ'.decode('my_codec'))
print(seen)
codecs.unregister(search)
show(lambda: codecs.lookup('my_codec2'))
show(lambda: codecs.register(42))

# str.encode / bytes.decode through the registry
s = 'héllo wörld € ©'
for enc in ['cp1252', 'koi8_r', 'mac_roman', 'cp437', 'iso8859_15', 'utf-7', 'cp850', 'latin_1', 'utf-16-be', 'utf-32']:
    try:
        b = s.encode(enc, 'replace')
        print(enc, b, b.decode(enc))
    except Exception as e:
        print(enc, type(e).__name__, e)
print(codecs.encode('hello', 'rot13'), codecs.decode('uryyb', 'rot_13'))
show(lambda: 'x'.encode('rot13'))
show(lambda: b'x'.decode('rot13'))
show(lambda: codecs.encode(b'x', 'rot13'))
show(lambda: b'\x81'.decode('cp1252'))
show(lambda: '\u1234'.encode('cp1252'))
show(lambda: 'a\u1234\u1235b'.encode('koi8_r'))
print(b'\x81abc'.decode('cp1252', 'replace'), b'\x81abc'.decode('cp1252', 'ignore'),
      b'\x81abc'.decode('cp1252', 'backslashreplace'))
print('a\u1234b'.encode('cp1252', 'xmlcharrefreplace'), 'a\u1234b'.encode('cp1252', 'backslashreplace'),
      'a\u1234b'.encode('cp1252', 'namereplace'), 'a\u1234b'.encode('cp1252', 'replace'))

# error messages of the native codecs
show(lambda: b'\xff'.decode('utf-8'))
show(lambda: b'ab\xe2\x82'.decode('utf-8'))
show(lambda: b'\xe2\x28\xa1'.decode('utf-8'))
show(lambda: 'a\udc80'.encode('utf-8'))
show(lambda: 'é'.encode('ascii'))
show(lambda: b'\x80'.decode('ascii'))
show(lambda: b'abc'.decode('utf-8', 'no-such-handler'))
show(lambda: b'\xff'.decode('utf-8', 'no-such-handler'))

# error handlers registered by Python code
def mine(e):
    print('  handler got', type(e).__name__, e.encoding, e.start, e.end, e.reason)
    if isinstance(e, UnicodeEncodeError):
        return ('<%s>' % ''.join('%x' % ord(c) for c in e.object[e.start:e.end]), e.end)
    return ('[%s]' % e.object[e.start:e.end].hex(), e.end)
codecs.register_error('test.mine', mine)
print(codecs.lookup_error('test.mine') is mine)
print('a\u1234b\u5678\u5679'.encode('ascii', 'test.mine'))
print('a\xe9\u1234'.encode('latin-1', 'test.mine'))
print(b'a\xffb\xfe\xfd'.decode('utf-8', 'test.mine'))
print(b'a\x81b'.decode('cp1252', 'test.mine'))
print('x\u1234y'.encode('cp1252', 'test.mine'))
codecs.register_error('test.bytes', lambda e: (b'\x01\x02', e.end))
print('a\u1234b'.encode('latin-1', 'test.bytes'))
codecs.register_error('test.back', lambda e: ('?', -1) if e.start == 2 else ('!', e.end))
print(b'ab\xff\xfe'.decode('ascii', 'test.back'))
codecs.register_error('test.bad', lambda e: 42)
show(lambda: b'\xff'.decode('ascii', 'test.bad'))
show(lambda: '\xff'.encode('ascii', 'test.bad'))
codecs.register_error('test.far', lambda e: ('', 100))
show(lambda: b'\xff'.decode('ascii', 'test.far'))
show(lambda: codecs.register_error('x', 1))
show(lambda: codecs.lookup_error('nope'))

# the standard handlers as functions
for name in ['strict', 'ignore', 'replace', 'xmlcharrefreplace', 'backslashreplace', 'namereplace',
             'surrogateescape', 'surrogatepass']:
    h = codecs.lookup_error(name)
    print(name, h.__name__)
    exc = UnicodeEncodeError('utf-8', 'a\udcff\u20acb', 1, 3, 'oops')
    show(lambda: h(exc))
    dexc = UnicodeDecodeError('utf-8', b'a\xed\xb3\xbfb', 1, 2, 'oops')
    show(lambda: h(dexc))
show(lambda: codecs.lookup_error('ignore')(ValueError('x')))
show(lambda: codecs.lookup_error('strict')(ValueError('x')))
print('\udcff'.encode('utf-8', 'surrogateescape'), b'\xff'.decode('utf-8', 'surrogateescape'))
print('\ud800'.encode('utf-16-le', 'surrogatepass'), b'\xed\xa0\x80'.decode('utf-8', 'surrogatepass'))

# codecs.encode / decode wrapping
show(lambda: codecs.encode('x', 'nope'))
show(lambda: codecs.encode(1, 'utf-8'))
show(lambda: codecs.decode('x'))
print(codecs.encode('abc'), codecs.decode(b'abc'), codecs.encode('abc', encoding='utf-16-le', errors='strict'))

# The CJK codecs through codecs' incremental, stream and error-handler machinery.
import codecs
import io

CODECS = ['gb2312', 'gbk', 'gb18030', 'hz', 'big5', 'cp950', 'big5hkscs',
          'shift_jis', 'cp932', 'euc_jp', 'shift_jis_2004', 'shift_jisx0213',
          'euc_jis_2004', 'euc_jisx0213', 'euc_kr', 'cp949', 'johab']

TEXT = ('Hello, \u4e16\u754c! \u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8 '
        '\ud55c\uad6d\uc5b4 \u7e41\u9ad4\u4e2d\u6587 ~tilde~ \u304b\u309a \u00ca\u0304 \u00e9\n'
        '\u3042\u3044\u3046\u3048\u304a \u6f22\u5b57 \uac00\ub098\ub2e4 \U00020b9f end\n')


def show(x):
    return ascii(x)


for codec in CODECS:
    enc = TEXT.encode(codec, 'replace')
    print(codec, show(enc))
    # Incremental decoding, one byte at a time, with its state.
    d = codecs.getincrementaldecoder(codec)('replace')
    parts = []
    states = set()
    for i in range(len(enc)):
        parts.append(d.decode(enc[i:i + 1]))
        states.add(d.getstate())
    parts.append(d.decode(b'', True))
    print(' dec1', ''.join(parts) == enc.decode(codec, 'replace'), sorted(states)[:4])
    # Incremental encoding one character at a time.
    e = codecs.getincrementalencoder(codec)('replace')
    out = b''
    estates = []
    for ch in TEXT:
        out += e.encode(ch)
        estates.append(e.getstate())
    out += e.encode('', True)
    print(' enc1', out == enc, show(out[-12:]), estates[-3:])
    # setstate round trips.
    e2 = codecs.getincrementalencoder(codec)('replace')
    e2.encode('\u304b\u4e00')
    st = e2.getstate()
    e3 = codecs.getincrementalencoder(codec)('replace')
    e3.setstate(st)
    print(' setstate', st, show(e3.encode('\u309a', True)), show(e2.encode('\u309a', True)))
    d2 = codecs.getincrementaldecoder(codec)('replace')
    d2.decode(enc[:9])
    st = d2.getstate()
    d3 = codecs.getincrementaldecoder(codec)('replace')
    d3.setstate(st)
    print(' dstate', st, d3.decode(enc[9:20], True) == d2.decode(enc[9:20], True))
    # Stream reader and writer.
    buf = io.BytesIO()
    w = codecs.getwriter(codec)(buf, 'replace')
    for line in TEXT.splitlines(True):
        w.write(line)
    w.writelines(['a', '\u4e00', 'b'])
    w.reset()
    print(' writer', show(buf.getvalue()[-16:]), w.errors, w.stream is buf)
    r = codecs.getreader(codec)(io.BytesIO(buf.getvalue()), 'replace')
    print(' reader', show(r.readline()), show(r.read(5)), len(r.readlines()))
    r = codecs.getreader(codec)(io.BytesIO(buf.getvalue()), 'replace')
    print(' read-all', r.read() == buf.getvalue().decode(codec, 'replace'))
    # Errors: strict messages, handlers, incomplete input.
    for bad in [b'\xff', b'\x81', b'a\x81\x20b', b'\x8e', b'~{', b'\xa4\xd4\xa4']:
        try:
            print(' strict', show(bad.decode(codec)))
        except UnicodeDecodeError as exc:
            print(' strict', exc, exc.start, exc.end, show(exc.object))
        print(' handlers', show(bad.decode(codec, 'ignore')), show(bad.decode(codec, 'replace')),
              show(bad.decode(codec, 'backslashreplace')), show(bad.decode(codec, 'surrogateescape')))
    for bad in ['\udc80', '\u0100x', 'ab\U0010ffff', '\ufffd']:
        try:
            print(' estrict', show(bad.encode(codec)))
        except UnicodeEncodeError as exc:
            print(' estrict', exc, exc.start, exc.end)
        for h in ['ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace', 'namereplace', 'surrogateescape']:
            try:
                print(' ', h, show(bad.encode(codec, h)))
            except UnicodeEncodeError as exc:
                print(' ', h, type(exc).__name__, exc)
    d = codecs.getincrementaldecoder(codec)()
    try:
        d.decode(enc[:-1] + b'\x81', True)
    except UnicodeDecodeError as exc:
        print(' final', exc.reason, exc.start, exc.end)


# Custom handlers moving the position, and bad handler results.
def skip2(exc):
    return ('<%d:%d>' % (exc.start, exc.end), exc.end + 1)


def back(exc):
    if not hasattr(back, 'n'):
        back.n = 0
    back.n += 1
    if back.n > 3:
        return ('!', exc.end)
    return ('?', exc.start - 1)


def bad_result(exc):
    return 42


def neg(exc):
    # -1 is the last position: only when the error is not already there.
    if exc.end < len(exc.object):
        return ('N', -1)
    return ('n', exc.end)


def far(exc):
    return ('F', 1000)


def as_bytes(exc):
    return (b'[bytes]', exc.end)


for name, f in [('skip2', skip2), ('back', back), ('bad', bad_result), ('neg', neg), ('far', far),
                ('bytes', as_bytes)]:
    codecs.register_error('t.' + name, f)
    for codec in ['gbk', 'hz', 'shift_jis_2004', 'euc_kr']:
        for data in [b'ab\x81cd\xff\xfeef', b'~{R;\x81']:
            try:
                print(name, codec, show(data.decode(codec, 't.' + name)))
            except Exception as exc:
                print(name, codec, type(exc).__name__, exc)
        try:
            print(name, codec, show('a\u0100b\u0101c'.encode(codec, 't.' + name)))
        except Exception as exc:
            print(name, codec, type(exc).__name__, exc)

# The objects themselves.
import _multibytecodec
import _codecs_cn
import _codecs_jp
c = _codecs_cn.getcodec('gbk')
print(type(c).__name__, c.encode('\u4e00x'), c.decode(b'\xd2\xbbx'), c.encode(12), c.decode(bytearray(b'ab')))
for bad in [lambda: _codecs_cn.getcodec(1), lambda: _codecs_cn.getcodec('sjis'), lambda: _codecs_jp.getcodec('gbk'),
            lambda: _multibytecodec.__create_codec(1), lambda: c.decode('str'), lambda: c.encode('x', 1)]:
    try:
        bad()
    except Exception as exc:
        print(type(exc).__name__, exc)
enc = codecs.getincrementalencoder('gbk')()
print(enc.errors)
enc.errors = 'ignore'
print(enc.errors, enc.encode('\u0100a'))
try:
    enc.errors = 3
except TypeError as exc:
    print(exc)
try:
    del enc.errors
except AttributeError as exc:
    print(exc)
dec = codecs.getincrementaldecoder('gbk')()
for st in [(b'\x81', 0), (b'123456789', 0), [b'', 0], (b'', -1), ('x', 0)]:
    try:
        dec.setstate(st)
        print('ok', dec.getstate())
    except Exception as exc:
        print(type(exc).__name__, exc)
for st in [0, 1 << 200, -1, 3 | (0xE3 << 8) | (0x81 << 16) | (0x8B << 24), 9, 'x']:
    try:
        enc.setstate(st)
        print('ok', enc.getstate())
    except Exception as exc:
        print(type(exc).__name__, exc)
try:
    codecs.getincrementaldecoder('gbk')(errors=None)
except TypeError as exc:
    print(exc)
class Bad(_multibytecodec.MultibyteIncrementalEncoder):
    codec = 1
try:
    Bad()
except TypeError as exc:
    print(exc)
print(issubclass(codecs.getreader('big5'), codecs.StreamReader))

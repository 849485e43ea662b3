# The ISO-2022 codecs: every code point encoded, decoding after each designation, escape
# sequences, shifts, incremental use and errors.
import codecs
import hashlib

CODECS = ['iso2022_kr', 'iso2022_jp', 'iso2022_jp_1', 'iso2022_jp_2', 'iso2022_jp_2004',
          'iso2022_jp_3', 'iso2022_jp_ext']
ESCAPES = {
    'iso2022_kr': [b'', b'\x1b$)C\x0e', b'\x1b$(C'],
    'iso2022_jp': [b'\x1b(J', b'\x1b$@', b'\x1b$B', b'\x1b$(D'],
    'iso2022_jp_1': [b'\x1b(J', b'\x1b$B', b'\x1b$(D', b'\x1b&@\x1b$B'],
    'iso2022_jp_2': [b'\x1b$B', b'\x1b$A', b'\x1b$(C', b'\x1b$(D', b'\x1b.A\x1bN', b'\x1b.F\x1bN'],
    'iso2022_jp_2004': [b'\x1b$B', b'\x1b$(P', b'\x1b$(Q', b'\x1b$(O'],
    'iso2022_jp_3': [b'\x1b$B', b'\x1b$(O', b'\x1b$(P', b'\x1b$(Q'],
    'iso2022_jp_ext': [b'\x1b(I', b'\x1b(J', b'\x1b$B', b'\x1b$(D'],
}
ALL = ''.join(map(chr, range(0x30000)))
SOME = ALL[:0x3400] + ALL[0xF900:0x10000] + ALL[0x20000:0x20100]
SECOND = list(range(0x20, 0x80)) + [0x0A, 0x0E, 0x1B, 0x80, 0xA1, 0xFF]


def digest(data):
    return hashlib.sha256(data).hexdigest()[:16]


for codec in CODECS:
    line = [codec, digest(ALL.encode(codec, 'ignore')), digest(SOME.encode(codec, 'backslashreplace'))]
    for esc in ESCAPES[codec]:
        dec = '\0'.join([(esc + bytes((a, b))).decode(codec, 'backslashreplace')
                         for a in range(0x20, 0x80) for b in SECOND])
        line.append(digest(dec.encode('utf-8', 'surrogatepass'))[:6])
    print(*line)

TEXT = ('abc \u3042\u3044\u3046 \uff71\uff72 \u00a5\u203e \u4e00\u4e8c \uac00\ub098 \u00e9\u0391 '
        '\u304b\u309a \u02e9\u02e5 \U00020b9f \u2460 ~\\\n\u65e5\u672c\n')
for codec in CODECS:
    enc = TEXT.encode(codec, 'backslashreplace')
    print(codec, ascii(enc))
    print(' ', enc.decode(codec) == TEXT.encode(codec, 'backslashreplace').decode(codec))
    e = codecs.getincrementalencoder(codec)('replace')
    out = b''
    for ch in TEXT:
        out += e.encode(ch)
    st = e.getstate()
    out += e.encode('', True)
    print('  inc', out == TEXT.encode(codec, 'replace'), st, e.getstate())
    d = codecs.getincrementaldecoder(codec)('replace')
    parts = []
    states = []
    for i in range(len(enc)):
        parts.append(d.decode(enc[i:i + 1]))
        states.append(d.getstate())
    parts.append(d.decode(b'', True))
    print('  dec', ''.join(parts) == enc.decode(codec, 'replace'), states[-1], states[len(states) // 2])
    for bad in [b'\x1b', b'\x1b$', b'\x1b$B\x30', b'\x1b$B\x30\x21\x80', b'\x1b(Z', b'\x1b$(Z', b'\x1bx\x41',
                b'\x0e\x41\x0f', b'\x1b$)C\x0e\x30\x21\n\x30\x21', b'\x1b.A\x1bN\x41\x1bN\xc1',
                b'\x1b.F\x1bN\x41', b'\x1b&@\x1b$B\x30\x21', b'\x1b$B\x21\x40', b'\x1b(I\x31\x1b(J\x5c\x7e',
                b'\x1b$(Q\x24\x77\x1b$(P\x21\x21', b'\x1b$(O\x24\x77\x2e\x21']:
        try:
            print('  ', ascii(bad.decode(codec)))
        except UnicodeDecodeError as exc:
            print('  ', exc.reason, exc.start, exc.end, ascii(bad.decode(codec, 'replace')))
    for text in ['\u304b', '\u304b\u309a', 'a\u00e9b', '\uac00\uac00a', '\U0001f600']:
        try:
            print('  ', ascii(text.encode(codec)))
        except UnicodeEncodeError as exc:
            print('  ', exc.reason, exc.start, exc.end, ascii(text.encode(codec, 'xmlcharrefreplace')))
    e = codecs.getincrementalencoder(codec)('replace')
    print('  pend', ascii(e.encode('\u304b')), e.getstate(), ascii(e.encode('\u309a', True)))
    e.encode('\u3042')
    e.reset()
    print('  reset', e.getstate(), ascii(e.encode('a')))

# tell/seek cookies through registry codecs, utf-16 BOMs, and decode errors.
import io
import os
import tempfile

d = tempfile.mkdtemp()
p = os.path.join(d, 'f.txt')
lines = ['alpha \xe9\n', 'beta \u20ac\n', 'gamma \xfc\xdf\n', 'delta\n'] * 3
for enc in ['utf-16', 'utf-8-sig', 'cp1252', 'iso8859_15', 'utf-32', 'mac_roman']:
    with open(p, 'w', encoding=enc) as f:
        f.writelines(lines)
    with open(p, 'rb') as f:
        raw = f.read()
    print(enc, len(raw), raw[:8])
    with open(p, encoding=enc) as f:
        marks = []
        while True:
            pos = f.tell()
            line = f.readline()
            if not line:
                break
            marks.append((pos, line))
        for pos, line in reversed(marks):
            f.seek(pos)
            assert f.readline() == line, (enc, pos, line)
        f.seek(0)
        f.read(7)
        pos = f.tell()
        rest = f.read()
        f.seek(pos)
        print(' tell/seek ok', f.read() == rest, len(rest))
    # Appending must not write a second BOM.
    with open(p, 'a', encoding=enc) as f:
        f.write('tail\n')
    with open(p, encoding=enc) as f:
        print(' append', repr(f.read()[-12:]))
    with open(p, 'r+', encoding=enc) as f:
        f.read()
        f.write('more\n')
        f.seek(0)
        print(' r+', repr(f.read()[-10:]))

# A decode error's message.
with open(p, 'wb') as f:
    f.write(b'good line\nbad \xff\xfe byte\n')
for enc in ['utf-8', 'ascii', 'cp1252', 'utf-16-le', 'cp437']:
    try:
        with open(p, encoding=enc) as f:
            print(enc, repr(f.read()))
    except UnicodeDecodeError as e:
        print(enc, type(e).__name__, e, e.start, e.end)
with open(p, 'wb') as f:
    f.write(b'\x81\x8d\x8f\x90\x9d')
try:
    with open(p, encoding='cp1252') as f:
        f.read()
except UnicodeDecodeError as e:
    print(e.encoding, e.reason, e.start, e.end, e.object)

# An incremental decoder whose state crosses chunk borders.
b = io.BytesIO(('\u20ac' * 5000).encode('utf-16'))
t = io.TextIOWrapper(b, encoding='utf-16')
t._CHUNK_SIZE = 7
print(len(t.read()))
t.seek(0)
t.read(3)
print(t.tell())

# reconfigure to a registry codec, and the newline translation on writing.
b = io.BytesIO()
t = io.TextIOWrapper(b, encoding='utf-8', newline='\r\n')
t.write('a\n')
t.reconfigure(encoding='cp1252', errors='replace')
t.write('\xe9\u0416\n')
t.flush()
print(b.getvalue(), t.encoding, t.errors)
t.reconfigure(errors='xmlcharrefreplace')
t.write('\u0416')
t.flush()
print(b.getvalue())

# A user-registered codec.
import codecs


def search(name):
    if name == 'upper_test':
        base = codecs.lookup('latin-1')
        def enc(s, errors='strict'):
            return base.encode(s.upper(), errors)
        class IE(codecs.IncrementalEncoder):
            def encode(self, s, final=False):
                return s.upper().encode('latin-1', self.errors)
        return codecs.CodecInfo(enc, base.decode, incrementalencoder=IE,
                                incrementaldecoder=base.incrementaldecoder, name='upper_test')
    return None


codecs.register(search)
b = io.BytesIO()
t = io.TextIOWrapper(b, encoding='upper_test')
t.write('hello \xe9')
t.flush()
print(b.getvalue(), t.encoding)

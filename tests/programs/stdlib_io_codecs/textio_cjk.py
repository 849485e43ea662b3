# TextIOWrapper over the CJK codecs: their incremental decoders' states in tell/seek.
import io
import os
import tempfile

d = tempfile.mkdtemp()
p = os.path.join(d, 'f.txt')
lines = ['\u65e5\u672c\u8a9e line %d ~\u4e00~\n' % i for i in range(40)]
for enc in ['gbk', 'gb18030', 'hz', 'big5', 'shift_jis', 'euc_jp', 'cp932', 'euc_kr', 'cp949',
            'shift_jis_2004', 'euc_jis_2004', 'big5hkscs', 'johab']:
    with open(p, 'w', encoding=enc, errors='replace') as f:
        f.writelines(lines)
    with open(p, 'rb') as f:
        raw = f.read()
    print(enc, len(raw), ascii(raw[:20]))
    with open(p, encoding=enc) as f:
        marks = []
        while True:
            pos = f.tell()
            line = f.readline()
            if not line:
                break
            marks.append((pos, line))
        ok = True
        for pos, line in reversed(marks):
            f.seek(pos)
            ok = ok and f.readline() == line
        f.seek(0)
        f.read(13)
        pos = f.tell()
        rest = f.read()
        f.seek(pos)
        print(' ', len(marks), ok, f.read() == rest, ascii(rest[:8]))
    b = io.BytesIO(raw)
    t = io.TextIOWrapper(b, encoding=enc)
    t._CHUNK_SIZE = 5
    print(' ', t.read() == ''.join(lines).replace('\u4e00', '\u4e00'))
with open(p, 'wb') as f:
    f.write(b'ok\n\x81\x20bad')
try:
    with open(p, encoding='gbk') as f:
        f.read()
except UnicodeDecodeError as e:
    print(e)
with open(p, encoding='gbk', errors='replace') as f:
    print(ascii(f.read()))

import io, os, codecs, tempfile
d = tempfile.mkdtemp()
p = os.path.join(d, 'f.txt')
text = 'caf\xe9 \u20ac line1\nline2\r\nline3\rend\xe4\xf6\xfc'
for enc in ['cp1252', 'cp437', 'koi8_r', 'mac_roman', 'utf-8-sig', 'utf-16', 'iso8859_15', 'utf-32', 'latin-1', 'cp1251']:
    t = text
    try:
        t.encode(enc)
    except UnicodeEncodeError:
        t = t.replace('\u20ac', 'E').replace('\xe9', 'e').replace('\xe4\xf6\xfc', 'aou')
    if enc == 'koi8_r':
        t += '\u0416\u0436'
    with open(p, 'w', encoding=enc, newline='') as f:
        print(enc, f.encoding, f.write(t))
    with open(p, 'rb') as f:
        raw = f.read()
    print(raw)
    for nl in [None, '', '\n', '\r', '\r\n']:
        with open(p, encoding=enc, newline=nl) as f:
            print(repr(nl), [f.readline() for _ in range(5)])
    with open(p, encoding=enc) as f:
        f.read(3); pos = f.tell(); a = f.read(5); f.seek(pos); b = f.read(5); print('seek', a == b, repr(a))
        f.seek(0); print(repr(f.read()))
for errors in ['strict', 'ignore', 'replace', 'surrogateescape', 'backslashreplace', 'xmlcharrefreplace', 'namereplace']:
    try:
        with open(p, 'w', encoding='cp1252', errors=errors) as f:
            f.write('a\u0416b\udcff' if errors == 'surrogateescape' else 'a\u0416b')
        with open(p, 'rb') as f:
            print(errors, f.read())
    except Exception as e:
        print(errors, type(e).__name__, e)
with open(p, 'wb') as f:
    f.write(b'ab\x81\x8dcd\x90')
for errors in ['strict', 'ignore', 'replace', 'surrogateescape', 'backslashreplace']:
    try:
        with open(p, encoding='cp1252', errors=errors) as f:
            print(errors, ascii(f.read()))
    except Exception as e:
        print(errors, type(e).__name__, e)
f = open(p, 'w', encoding='ascii'); f.write('x'); f.reconfigure(encoding='cp1252'); f.write('\xe9'); f.close()
print(open(p, 'rb').read())
f = open(p, encoding='locale'); print(f.encoding); f.close()
print(io.text_encoding(None), io.text_encoding('cp1252'))
for bad in ['rot13', 'nope-enc']:
    try: open(p, encoding=bad)
    except LookupError as e: print(type(e).__name__, e)
b = io.BytesIO('h\xe9llo\nw\xf6rld\n'.encode('cp850'))
t = io.TextIOWrapper(b, encoding='cp850')
print(t.encoding, list(t))

# gzip over the zlib module: one-shot functions and GzipFile on BytesIO.
import gzip
import io
import zlib

text = b"".join(b"%d bottles of beer on the wall\n" % i for i in range(5000))
for level in (0, 1, 6, 9):
    c = gzip.compress(text, compresslevel=level, mtime=0)
    print(level, len(c), c[:10].hex(), c[-8:].hex(), gzip.decompress(c) == text)
two = gzip.compress(b"first ", mtime=0) + gzip.compress(b"second", mtime=0)
print(gzip.decompress(two))
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as f:
    for i in range(0, len(text), 7777):
        f.write(text[i:i + 7777])
data = buf.getvalue()
print(len(data), data[:10].hex(), zlib.crc32(data))
with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
    print(f.read(20), len(f.read()), f.read())
with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
    lines = f.readlines()
    print(len(lines), lines[-1])
with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
    f.seek(100000)
    print(f.read(30), f.tell())
try:
    gzip.decompress(b"not gzip data")
except Exception as e:
    print(type(e).__name__, e)
try:
    gzip.decompress(data[:-10])
except Exception as e:
    print(type(e).__name__, e)
try:
    gzip.decompress(data[:-4] + b"\0\0\0\0")
except Exception as e:
    print(type(e).__name__, e)

# tarfile with gzip compression in memory, and shutil.make_archive/unpack_archive.
import io
import os
import shutil
import tarfile
import tempfile

buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w:gz") as tf:
    for i in range(5):
        payload = (b"file %d " % i) * (1000 * i + 1)
        info = tarfile.TarInfo("dir/file%d.txt" % i)
        info.size = len(payload)
        info.mtime = 0
        tf.addfile(info, io.BytesIO(payload))
print(buf.getvalue()[:3].hex())
buf.seek(0)
with tarfile.open(fileobj=buf, mode="r:gz") as tf:
    for m in tf.getmembers():
        print(m.name, m.size, tf.extractfile(m).read()[:14])
buf.seek(0)
with tarfile.open(fileobj=buf, mode="r:*") as tf:
    print(tf.getnames())

with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "src")
    os.mkdir(src)
    for i in range(3):
        with open(os.path.join(src, "f%d.txt" % i), "wb") as f:
            f.write(b"content %d\n" % i * 500)
    archive = shutil.make_archive(os.path.join(tmp, "out"), "gztar", root_dir=src)
    print(os.path.basename(archive), os.path.getsize(archive) > 0)
    dest = os.path.join(tmp, "dest")
    shutil.unpack_archive(archive, dest)
    print(sorted(os.listdir(dest)))
    with open(os.path.join(dest, "f2.txt"), "rb") as f:
        print(f.read()[:20])

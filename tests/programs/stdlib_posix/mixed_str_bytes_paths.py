# rename/replace/link/symlink take a str and a bytes path together on POSIX
# (only Windows insists on the same type).
import os
import tempfile

with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "a")
    open(src, "w").close()
    os.rename(src, os.fsencode(os.path.join(d, "b")))
    os.replace(os.fsencode(os.path.join(d, "b")), os.path.join(d, "c"))
    os.link(os.path.join(d, "c"), os.fsencode(os.path.join(d, "d")))
    os.symlink(os.fsencode(os.path.join(d, "c")), os.path.join(d, "e"))
    print(sorted(os.listdir(d)), os.path.islink(os.path.join(d, "e")))
    for f in (os.rename, os.replace, os.link):
        try:
            f(os.fsencode(os.path.join(d, "missing")), os.path.join(d, "x"))
        except FileNotFoundError as e:
            print(f.__name__, "FileNotFoundError", e.errno, os.path.basename(e.filename), os.path.basename(e.filename2))

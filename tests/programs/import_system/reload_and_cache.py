# importlib.reload, and __pycache__ reuse: a second import reads the .pyc
# without rewriting it, a changed source rewrites it, a corrupt one is replaced.
import importlib
import importlib.util
import os
import sys
import tempfile

sys.dont_write_bytecode = False
root = tempfile.mkdtemp()
sys.path.insert(0, root)
src = os.path.join(root, "cached_mod.py")
with open(src, "w") as f:
    f.write("X = 1\n")

import cached_mod
pyc = importlib.util.cache_from_source(src)
print(os.path.basename(pyc).replace(sys.implementation.cache_tag, "TAG"), os.path.basename(os.path.dirname(pyc)), os.path.exists(pyc), cached_mod.X)
print(cached_mod.__cached__ == pyc)
with open(pyc, "rb") as f:
    header = f.read(16)
print(header[:4] == importlib.util.MAGIC_NUMBER, header[4:8])
first = os.stat(pyc).st_mtime_ns

del sys.modules["cached_mod"]
importlib.invalidate_caches()
import cached_mod
print("reused:", os.stat(pyc).st_mtime_ns == first, cached_mod.X)

with open(src, "w") as f:
    f.write("X = 2  # longer source\n")
m = importlib.reload(cached_mod)
print("reloaded:", m is cached_mod, m.X)
with open(pyc, "rb") as f:
    data = f.read()
print("rewritten:", data[:4] == importlib.util.MAGIC_NUMBER, int.from_bytes(data[12:16], "little") == os.path.getsize(src))

with open(pyc, "wb") as f:
    f.write(b"\x00garbage, not a pyc")
del sys.modules["cached_mod"]
import cached_mod
with open(pyc, "rb") as f:
    print("replaced:", f.read(4) == importlib.util.MAGIC_NUMBER, cached_mod.X)
